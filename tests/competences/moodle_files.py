"""A Moodle framework file and helpers shared by the Moodle tests."""

import csv
import io

from competences.models import Competence, CompetenceFramework
from competences.moodle import HEADERS
from competences.resources import MoodleFrameworkImporter
from lms.imports.readers import read_table
from lms.imports.runs import import_run

# As Moodle's "Export competency framework" writes it: the framework's row has
# all 14 cells, the competency rows only the first 12; descriptions are HTML,
# one of them over several lines; a comma in an id number is %2C in the cross
# references, which Moodle lists on both competences.
MOODLE_CSV = r""""Parent id number","Id number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross referenced competency id numbers","Exported id (optional)","Is framework",Taxonomy
,DIG-2024,"Digitālās prasmes","<p>Valsts pārvaldes darbinieku digitālās prasmes.</p>",1,"Nav apgūta,Apgūta","[{""scaleid"":""2""},{""id"":1,""scaledefault"":1,""proficient"":0},{""id"":2,""scaledefault"":0,""proficient"":1}]",,,,,,1,"competency,competency,competency,competency"
,D1,"Informācijas pratība","<p>Spēja atrast un izvērtēt informāciju:</p>
<ul>
<li>meklēšana;</li>
<li>izvērtēšana.</li>
</ul>",1,,,core_competency\competency_rule_all,2,null,D2,101
D1,D1.1,"Meklēšana tīmeklī","<p>Meklētājprogrammu lietošana.</p>",1,,,,0,null,D2%2CA,102
D1,D1.2,"Avotu ticamības izvērtēšana","<p>Žurnālistikas avotu pārbaude.</p>",1,,,,0,null,,103
,D2,"Saziņa un sadarbība","<p>Saziņa ar iedzīvotājiem.</p>",1,"Vāji,Labi,Teicami","[{""scaleid"":""3""},{""id"":1,""scaledefault"":1,""proficient"":0},{""id"":2,""scaledefault"":0,""proficient"":1},{""id"":3,""scaledefault"":0,""proficient"":1}]",core_competency\competency_rule_points,1,"{""base"":{""points"":2},""competencies"":[{""id"":105,""points"":2,""required"":1}]}","D1,D2%2CA",104
D2,"D2,A","Saziņa e-pastā un čatā","<p>Lietišķā e-pasta etiķete.</p>",1,,,,0,null,"D1.1,D2",105
"""  # noqa: E501
CODES = ["D1", "D1.1", "D1.2", "D2", "D2,A"]


def _run(data: bytes, *, dry_run=False, file_name="x.csv", **kwargs):
    return import_run(
        importer_name="moodle-framework",
        table=read_table(data, file_name),
        dry_run=dry_run,
        **kwargs,
    )


def _csv(rows, headers=HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _row(**cells) -> list[str]:
    """A competency row by header name (Python-friendly keys)."""
    keys = {
        "parent": "Parent id number",
        "code": "Id number",
        "name": "Shortname",
        "description": "Description",
        "format": "Description format",
        "scale": "Scale values",
        "scale_config": "Scale configuration",
        "rule_type": "Rule type (optional)",
        "outcome": "Rule outcome (optional)",
        "rule_config": "Rule config (optional)",
        "related": "Cross referenced competency id numbers",
        "exported": "Exported id (optional)",
        "is_framework": "Is framework",
        "taxonomy": "Taxonomy",
    }
    named = {keys[k]: v for k, v in cells.items()}
    return [named.get(header, "") for header in HEADERS]


def _framework_row(code="ERR", name="Pārbaudes ietvars"):
    return _row(code=code, name=name, format="1", scale="A,B", is_framework="1")


def _export_bytes(code="DIG-2024") -> bytes:
    return MoodleFrameworkImporter().export(code).export("csv").encode("utf-8")


def _snapshot(code="DIG-2024"):
    """Everything the import writes, to compare before and after."""
    framework = CompetenceFramework.objects.get(code=code)
    competences = {
        c.code: (
            c.parent.code if c.parent else None,
            c.name_lv,
            c.name_en,
            c.description,
            c.description_format,
            c.scale_values,
            c.scale_configuration,
            c.rule_type,
            c.rule_outcome,
            c.rule_config,
            c.export_id,
            c.sort_order,
            sorted(c.cross_references.values_list("code", flat=True)),
        )
        for c in framework.competences.select_related("parent")
    }
    return (
        framework.name_lv,
        framework.name_en,
        framework.description,
        framework.description_format,
        framework.scale_values,
        framework.scale_configuration,
        framework.taxonomies,
        competences,
    )


def _counts():
    return (
        CompetenceFramework.objects.count(),
        Competence.objects.count(),
        Competence.cross_references.through.objects.count(),
    )


def _errors(report):
    return {(e.row, e.column) for e in report.errors}
