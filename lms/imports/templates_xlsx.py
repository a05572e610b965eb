"""Downloadable import templates: headers, an example row, and the columns explained."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from lms.imports.importer import Importer

HEADER_FILL = PatternFill("solid", fgColor="1F4E8C")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def template_workbook(importer: Importer) -> bytes:
    """An .xlsx with the import's headers and one example row on the first sheet,
    and each column explained in Latvian and English on the second."""
    workbook = Workbook()
    data = workbook.active
    data.title = "dati"
    data.append([c.name for c in importer.columns])
    data.append([c.example for c in importer.columns])
    for index, column in enumerate(importer.columns, start=1):
        cell = data.cell(row=1, column=index)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        data.column_dimensions[cell.column_letter].width = max(16, len(column.name) + 4)
        # Codes such as registration numbers must stay text, not numbers.
        data.cell(row=2, column=index).number_format = "@"
    data.freeze_panes = "A2"

    help_sheet = workbook.create_sheet("kolonnas-columns")
    with translation.override("lv"):
        lv_headers = [_("Column"), _("Required"), _("Description (Latvian)")]
    with translation.override("en"):
        en_headers = [_("Description (English)"), _("Example")]
    help_sheet.append(lv_headers + en_headers)
    for cell in help_sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for column in importer.columns:
        help_sheet.append(
            [
                column.name,
                "✔" if column.required else "",
                column.help_lv,
                column.help_en,
                column.example,
            ]
        )
    for letter, width in zip("ABCDE", (22, 10, 60, 60, 24), strict=True):
        help_sheet.column_dimensions[letter].width = width
    for row in help_sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
