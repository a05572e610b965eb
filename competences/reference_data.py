"""Reference data of the service-management card PU2-12 (source: shared/seed).

Pure Python, no Django imports: migrations, management commands and tests load
these tuples. Latvian names are the card's official wording (line breaks of the
text extraction collapsed, stray spaces inside words removed); English names
follow shared/DOMAIN.md. Codes always use an ASCII hyphen ("PU2-12", "N1-1"),
although the card prints some of them with an en dash.
"""

# The card's own task. Its competence framework carries the same code; every
# other module takes the code from here.
CARD_TASK_CODE = "PU2-12"
FRAMEWORK_CODE = CARD_TASK_CODE

FRAMEWORK_DESCRIPTION = (
    "Spējas, kas nepieciešamas pakalpojumu pārvaldības uzdevuma PU2-12 "
    '"Ar pakalpojumu pārvaldību saistīta metodiskā atbalsta nodrošināšana '
    'pakalpojumu sniegšanā iesaistītajiem" pilnvērtīgai veikšanai.'
)

MANDATORY = "mandatory"
DELEGABLE = "delegable"

_SOURCE_POLICY = "VARAM izveidotā pakalpojumu pārvaldības politika, VARAM apmācība"
_SOURCE_GUIDELINES = "VARAM izveidotās vadlīnijas, VARAM apmācība"

# (code, name_lv, name_en, obligation, source)
# Section 6 of the card. The icons that marked each line as mandatory or delegable
# were lost in the text; K01-K06 mandatory, K07-K16 delegable is the default.
COMPETENCES = [
    (
        "K01",
        "Vispārējas pakalpojumu pārvaldības politikas īstenošanas kompetences",
        "Implementing the general service-management policy",
        MANDATORY,
        _SOURCE_POLICY,
    ),
    (
        "K02",
        "Pakalpojumu pārvaldības pamatnosacījumu īstenošanas kompetences",
        "Implementing the basic conditions of service management",
        MANDATORY,
        _SOURCE_POLICY,
    ),
    (
        "K03",
        "Pakalpojumu pārvaldības uzdevumu veikšanas kompetences",
        "Performing the service-management tasks",
        MANDATORY,
        _SOURCE_GUIDELINES,
    ),
    (
        "K04",
        "Pakalpojumu izveides, sniegšanas un pilnveides nosacījumu īstenošanas "
        "kompetences",
        "Implementing the conditions for creating, delivering and improving services",
        MANDATORY,
        _SOURCE_GUIDELINES,
    ),
    (
        "K05",
        "Pakalpojumu pārvaldības īstenošanai nepieciešamo spēju un resursu "
        "nodrošināšanas kompetences",
        "Ensuring the capabilities and resources service management needs",
        MANDATORY,
        _SOURCE_GUIDELINES,
    ),
    (
        "K06",
        "Vispārējas kompetences pakalpojumu pārvaldības īstenošanai atbilstoši "
        "pasaulē vispāratzītai pakalpojumu pārvaldības labajai praksei – "
        '"ITIL"',
        "Service management according to good practice – ITIL",
        MANDATORY,
        "",
    ),
    (
        "K07",
        "Attīstības plānošanas dokumentu izveides kompetences",
        "Drafting development-planning documents",
        DELEGABLE,
        "",
    ),
    (
        "K08",
        "Politiku izveides kompetences",
        "Policy making",
        DELEGABLE,
        "",
    ),
    (
        "K09",
        "Normatīvo aktu izveides kompetences",
        "Drafting legislation",
        DELEGABLE,
        "",
    ),
    (
        "K10",
        "Procesu izveides, aprakstīšanas un vadības kompetences",
        "Designing, describing and managing processes",
        DELEGABLE,
        "",
    ),
    (
        "K11",
        "Galveno darbības rādītāju noteikšanas un mērīšanas kompetences",
        "Defining and measuring key performance indicators (KPI)",
        DELEGABLE,
        "",
    ),
    (
        "K12",
        "Komunikācijas un sadarbības kompetences",
        "Communication and cooperation",
        DELEGABLE,
        "",
    ),
    (
        "K13",
        "Pārmaiņu vadības kompetences",
        "Change management",
        DELEGABLE,
        "",
    ),
    (
        "K14",
        "Projektu vadības kompetences",
        "Project management",
        DELEGABLE,
        "",
    ),
    (
        "K15",
        "Digitālo tehnoloģiju risinājumu izveides kompetences",
        "Building digital technology solutions",
        DELEGABLE,
        "",
    ),
    (
        "K16",
        "Digitālo tehnoloģiju risinājumu lietošanas kompetences",
        "Using digital technology solutions",
        DELEGABLE,
        "",
    ),
]

POLICY = "policy"
OPERATIONS = "operations"
ALL_LEVELS = "all"

# (code, level, name_lv, name_en, practice_lv)
#   level is "policy" for PU1-*, "operations" for PU2-*, "all" for PU3-*
#   practice_lv is the practice the card names in parentheses, else ""
SERVICE_MANAGEMENT_TASKS = [
    # Policy level
    (
        "PU1-1",
        POLICY,
        "Pakalpojumu pārvaldības politikas plānošana un aktualizēšana",
        "Planning and updating the service-management policy",
        "",
    ),
    (
        "PU1-2",
        POLICY,
        "Nozaru, pašvaldību un iestāžu pakalpojumu attīstības plānu (stratēģiju) "
        "izveide un aktualizēšana",
        "Creating and updating sector, municipal and institutional service "
        "development plans (strategies)",
        "",
    ),
    (
        "PU1-3",
        POLICY,
        "Pakalpojumu pārvaldības vispārējo normatīvo aktu izstrāde un pilnveide",
        "Drafting and improving general service-management legislation",
        "",
    ),
    (
        "PU1-4",
        POLICY,
        "Pakalpojumu pārvaldības politikas īstenošanas vadlīniju izstrāde un "
        "metodiskā atbalsta sniegšana",
        "Drafting guidelines for implementing the service-management policy and "
        "providing methodological support",
        "",
    ),
    (
        "PU1-5",
        POLICY,
        "Pakalpojumu pārvaldības politikas un nozaru, pašvaldību un iestāžu "
        "pakalpojumu attīstības plānu (stratēģiju) īstenošanas kontrole un vadība",
        "Controlling and managing the implementation of the service-management "
        "policy and of service development plans (strategies)",
        "",
    ),
    # Core operations and support level
    (
        "PU2-1",
        OPERATIONS,
        "Pakalpojumu un iestādes pakalpojumu portfolio plānošana, izveide, "
        "ieviešana, uzturēšana un attīstība",
        "Planning, creating, introducing, maintaining and developing services and "
        "the institution's service portfolio",
        "Pakalpojumu portfolio pārvaldība",
    ),
    (
        "PU2-2",
        OPERATIONS,
        "Pakalpojumu galveno saņēmēju grupu un to vajadzību apzināšana",
        "Identifying the key recipient groups of services and their needs",
        "Klientu pārvaldība",
    ),
    (
        "PU2-3",
        OPERATIONS,
        "Pakalpojumu sniegšanas un uzturēšanas rezultatīvāko un efektīvāko veidu "
        "noteikšana",
        "Determining the most effective and efficient ways of delivering and "
        "maintaining services",
        "",
    ),
    (
        "PU2-4",
        OPERATIONS,
        "Pakalpojumu sniegšanas un uzturēšanas rezultativitāti un efektivitāti "
        "raksturojošu rādītāju (KPI) noteikšana",
        "Defining indicators (KPI) of the effectiveness and efficiency of service "
        "delivery and maintenance",
        "Darbības rādītāju pārvaldība",
    ),
    (
        "PU2-5",
        OPERATIONS,
        "Pakalpojumu pārvaldībai (un pakalpojumiem) nepieciešamo spēju un resursu "
        "nodrošināšana",
        "Ensuring the capabilities and resources needed for service management "
        "(and services)",
        "Ietilpības pārvaldība",
    ),
    (
        "PU2-6",
        OPERATIONS,
        "Pakalpojumu pārvaldības speciālo normatīvo aktu izstrāde un pilnveide",
        "Drafting and improving special service-management legislation",
        "",
    ),
    (
        "PU2-7",
        OPERATIONS,
        "Pakalpojumu aprakstu veidošana, reģistrēšana un uzturēšana",
        "Creating, registering and maintaining service descriptions",
        "Pakalpojumu aprakstu pārvaldība",
    ),
    (
        "PU2-8",
        OPERATIONS,
        "Informācijas nodrošināšana pakalpojumu saņēmējiem par pieejamiem "
        "pakalpojumiem",
        "Informing service recipients about available services",
        "Piedāvājumu pārvaldība",
    ),
    (
        "PU2-9",
        OPERATIONS,
        "Pakalpojumu līmeņu noteikšana un pakalpojumu līmeņu vienošanās "
        "nosacījumu saskaņošana ar pakalpojumu saņēmējiem",
        "Defining service levels and agreeing service-level agreement (SLA) terms "
        "with service recipients",
        "Pakalpojumu līmeņu pārvaldība",
    ),
    (
        "PU2-10",
        OPERATIONS,
        "Ar pakalpojumu pārvaldību saistītās starpiestāžu un pārrobežu sadarbības "
        "koordinēšana",
        "Coordinating inter-institutional and cross-border cooperation in service "
        "management",
        "Partneru pārvaldība",
    ),
    (
        "PU2-11",
        OPERATIONS,
        "Zināšanu uzkrāšana un pieejamības nodrošināšana",
        "Accumulating knowledge and making it available",
        "Zināšanu pārvaldība",
    ),
    (
        CARD_TASK_CODE,
        OPERATIONS,
        "Ar pakalpojumu pārvaldību saistīta metodiskā atbalsta nodrošināšana "
        "pakalpojumu sniegšanā iesaistītajiem",
        "Providing methodological support related to service management to those "
        "involved in delivering services",
        "",
    ),
    (
        "PU2-13",
        OPERATIONS,
        "Pakalpojumu un resursu pieejamības un nepārtrauktības plānošana un "
        "nodrošināšana",
        "Planning and ensuring the availability and continuity of services and "
        "resources",
        "Pieejamības un nepārtrauktības pārvaldība",
    ),
    (
        "PU2-14",
        OPERATIONS,
        "Piekļūstamības nodrošināšana pakalpojumiem",
        "Ensuring the accessibility of services",
        "Piekļūstamības pārvaldība",
    ),
    (
        "PU2-15",
        OPERATIONS,
        "Pakalpojumu pieprasījumu pārvaldība un izpildes nodrošināšana",
        "Managing service requests and ensuring their fulfilment",
        "Pakalpojumu pieprasījumu pārvaldība",
    ),
    (
        "PU2-16",
        OPERATIONS,
        "Atbalsta nodrošināšana pakalpojumu saņēmējiem",
        "Providing support to service recipients",
        "",
    ),
    (
        "PU2-17",
        OPERATIONS,
        "Pakalpojumu līmeņu vienošanās nosacījumu izpildes kontrole un nodrošināšana",
        "Controlling and ensuring compliance with service-level agreement (SLA) terms",
        "Pakalpojumu līmeņu pārvaldība",
    ),
    (
        "PU2-18",
        OPERATIONS,
        "Pakalpojumu saņēmēju ierosinājumu un sūdzību apkopošana, izvērtēšana un "
        "nepieciešamo darbību veikšana",
        "Collecting and evaluating recipients' suggestions and complaints and "
        "taking the necessary action",
        "Sūdzību pārvaldība",
    ),
    (
        "PU2-19",
        OPERATIONS,
        "Pakalpojumu sniegšanas apjomu un tiem nepieciešamā nodrošinājuma "
        "atbilstības pārvaldība",
        "Matching service delivery volumes with the provisioning they need",
        "Ietilpības pārvaldība",
    ),
    (
        "PU2-20",
        OPERATIONS,
        "Ar pakalpojumu un resursu pārvaldību saistītu izmaiņu īstenošana",
        "Implementing changes related to the management of services and resources",
        "Izmaiņu pārvaldība",
    ),
    (
        "PU2-21",
        OPERATIONS,
        "Iespējami ātra pakalpojumu pieejamības atjaunošana",
        "Restoring the availability of services as quickly as possible",
        "Incidentu pārvaldība",
    ),
    (
        "PU2-22",
        OPERATIONS,
        "Pakalpojumu pieejamības pārtraukumu cēloņu apzināšana un novēršana",
        "Identifying and eliminating the causes of service outages",
        "Problēmu pārvaldība",
    ),
    (
        "PU2-23",
        OPERATIONS,
        "Mērījumu veikšana un rezultātu izmantošana",
        "Taking measurements and using the results",
        "Darbības rādītāju pārvaldība",
    ),
    # All levels
    (
        "PU3-1",
        ALL_LEVELS,
        "Nemitīga pilnveide",
        "Continual improvement",
        "",
    ),
    (
        "PU3-2",
        ALL_LEVELS,
        "Pārvaldības dalībnieku iesaiste",
        "Engaging the participants of service management",
        "",
    ),
    (
        "PU3-3",
        ALL_LEVELS,
        "Īstenoto aktivitāšu kontrole",
        "Control of the activities carried out",
        "",
    ),
    (
        "PU3-4",
        ALL_LEVELS,
        "Pakalpojumu finanšu pārvaldība",
        "Service financial management",
        "",
    ),
]

# (code, parent_code, name_lv, name_en)
# Section 5 of the card: conditions for creating, delivering and improving
# services. Groups N1..N10 have no parent; sub-items ("N1-1") belong to a group.
CONDITIONS = [
    ("N1", None, "Pārvaldāmība", "Manageability"),
    ("N1-1", "N1", "Mērāmība un kontrolējamība", "Measurability and controllability"),
    ("N1-2", "N1", "Uzturamība", "Maintainability"),
    (
        "N1-3",
        "N1",
        "Pielāgojamība un pilnveidojamība",
        "Adaptability and improvability",
    ),
    (
        "N1-4",
        "N1",
        "Vienveidīga izveide un piedāvāšana",
        "Uniform creation and offering",
    ),
    (
        "N1-5",
        "N1",
        "Pakalpojumu un resursu sasaiste, mijiedarbības un atkarību caurspīdīgums",
        "Linking of services and resources; transparency of their interactions "
        "and dependencies",
    ),
    ("N2", None, "Atbilstība vajadzībām", "Fit to needs"),
    (
        "N2-1",
        "N2",
        "Atbilstība sabiedrības vajadzībām kopumā",
        "Fit to the needs of society as a whole",
    ),
    (
        "N2-2",
        "N2",
        "Atbilstība dzīves situācijām un konkrētām pakalpojumu saņēmēju vajadzībām",
        "Fit to life situations and to the specific needs of service recipients",
    ),
    ("N3", None, "Piekļūstamība", "Accessibility"),
    ("N3-1", "N3", "Daudzkanālu piekļūstamība", "Multichannel accessibility"),
    ("N3-2", "N3", "Teritoriālā piekļūstamība", "Territorial accessibility"),
    (
        "N3-3",
        "N3",
        "Visu sabiedrības grupu piekļūstamība",
        "Accessibility for all groups of society",
    ),
    ("N3-4", "N3", "Pārrobežu piekļūstamība", "Cross-border accessibility"),
    (
        "N4",
        None,
        "Iesaiste, līdzdalība un sadarbība",
        "Engagement, participation and cooperation",
    ),
    (
        "N4-1",
        "N4",
        "Pakalpojumu saņēmēju iesaiste un līdzdalība",
        "Engagement and participation of service recipients",
    ),
    ("N4-2", "N4", "Sadarbība ar partneriem", "Cooperation with partners"),
    ("N5", None, "Digitālā transformācija", "Digital transformation"),
    (
        "N5-1",
        "N5",
        "Pakalpojumu digitālā transformācija: e-pakalpojumi, d-pakalpojumi",
        "Digital transformation of services: e-services, d-services",
    ),
    ("N5-2", "N5", "Sadarbspēja", "Interoperability"),
    ("N6", None, "Lietojamība", "Usability"),
    (
        "N6-1",
        "N6",
        "Vienkāršība un ērtība saņēmējiem",
        "Simplicity and convenience for recipients",
    ),
    ("N6-2", "N6", "Lietotāju atbalsts", "User support"),
    ("N7", None, "Automatizācija", "Automation"),
    ("N7-1", "N7", "Pakalpojumu adaptivitāte", "Adaptivity of services"),
    ("N7-2", "N7", "Pakalpojumu proaktīva sniegšana", "Proactive delivery of services"),
    (
        "N7-3",
        "N7",
        "Automatizētas pakalpojumu plūsmas",
        "Automated service flows",
    ),
    ("N8", None, "Koplietošana", "Sharing"),
    (
        "N8-1",
        "N8",
        "Plašs pakalpojumu saņēmēju loks",
        "Broad range of service recipients",
    ),
    (
        "N8-2",
        "N8",
        'Specializēti "kompetenču centri"',
        'Specialised "competence centres"',
    ),
    ("N9", None, "Unifikācija", "Unification"),
    (
        "N9-1",
        "N9",
        "Pēc iespējas vienveidīgi pakalpojumi: apraksti, pieprasīšanas un "
        "saņemšanas formas, procesi, rezultāts",
        "Services as uniform as possible: descriptions, request and receipt forms, "
        "processes, result",
    ),
    ("N10", None, "Drošība", "Security"),
    (
        "N10-1",
        "N10",
        "Drošība sniedzējiem un saņēmējiem: piekļuves pārvaldība (identifikācija, "
        "autorizācija), uzticamība, konfidencialitāte un personas datu aizsardzība",
        "Security for providers and recipients: access management (identification, "
        "authorisation), reliability, confidentiality and personal-data protection",
    ),
]

INSTITUTION = "institution"
SERVICE = "service"
RESOURCE = "resource"

# (code, scale, name_lv, name_en)
# Section 8 of the card, "Nodrošināmā metodiskā atbalsta tēmas". The card lists the
# service topics under the heading "konkrēta pakalpojuma:"; each name here carries
# that genitive so it reads on its own. The resource topic comes from the duties
# of the resource manager (section 3).
SUPPORT_TOPICS = [
    (
        "T-I1",
        INSTITUTION,
        "Valstī vienotā pakalpojumu pārvaldības politika",
        "The state's unified service-management policy",
    ),
    (
        "T-I2",
        INSTITUTION,
        "Nozares, pašvaldības vai iestādes pakalpojumu attīstības stratēģija",
        "The service development strategy of the sector, municipality or institution",
    ),
    (
        "T-I3",
        INSTITUTION,
        "Valsts, nozares, pašvaldības vai iestādes mēroga ar pakalpojumu "
        "pārvaldību saistītie normatīvie akti",
        "Service-management legislation at state, sector, municipal or "
        "institution scale",
    ),
    (
        "T-I4",
        INSTITUTION,
        "Valsts, nozares, pašvaldības vai iestādes centralizētie tehnoloģiskie "
        "risinājumi (digitālās tehnoloģijas)",
        "Centralised technology solutions (digital technologies) of the state, "
        "sector, municipality or institution",
    ),
    (
        "T-I5",
        INSTITUTION,
        "Iestādes centralizētie procesi",
        "The institution's centralised processes",
    ),
    (
        "T-S1",
        SERVICE,
        "Pakalpojuma sniegšanas rezultāts",
        "Result of delivering the service",
    ),
    (
        "T-S2",
        SERVICE,
        "Pakalpojuma sniegšanas process",
        "Service delivery process",
    ),
    (
        "T-S3",
        SERVICE,
        "Nodrošināmais pakalpojuma līmenis (pakalpojuma līmeņa nosacījumi), "
        "tostarp kvalitāte",
        "Service level to be ensured (service-level terms), including quality",
    ),
    (
        "T-S4",
        SERVICE,
        "Pakalpojuma rezultatīvākie un efektīvākie sniegšanas veidi",
        "Most effective and efficient ways of delivering the service",
    ),
    (
        "T-S5",
        SERVICE,
        "Pakalpojuma tehniskā dokumentācija, instrukcijas un apraksti",
        "Technical documentation, instructions and descriptions of the service",
    ),
    (
        "T-S6",
        SERVICE,
        "Pakalpojumu regulējošie normatīvie akti",
        "Legislation regulating the service",
    ),
    (
        "T-S7",
        SERVICE,
        "Pakalpojuma sniegšanai nepieciešamās spējas un resursi, tostarp "
        "tehnoloģiskais nodrošinājums (digitālās tehnoloģijas)",
        "Capabilities and resources needed to deliver the service, including "
        "technology (digital technologies)",
    ),
    (
        "T-R1",
        RESOURCE,
        "Konkrēta resursa lietošana",
        "Use of a specific resource",
    ),
]


# Sanity checks, run at import.
assert len(COMPETENCES) == 16, len(COMPETENCES)
assert [row[0] for row in COMPETENCES] == [f"K{i:02d}" for i in range(1, 17)]
assert all(row[3] in (MANDATORY, DELEGABLE) for row in COMPETENCES)
assert len(SERVICE_MANAGEMENT_TASKS) == 32, len(SERVICE_MANAGEMENT_TASKS)
assert all(
    row[1] == {"PU1": POLICY, "PU2": OPERATIONS, "PU3": ALL_LEVELS}[row[0][:3]]
    for row in SERVICE_MANAGEMENT_TASKS
)
assert sum(row[1] == INSTITUTION for row in SUPPORT_TOPICS) == 5
assert sum(row[1] == SERVICE for row in SUPPORT_TOPICS) == 7
assert all(row[1] in (INSTITUTION, SERVICE, RESOURCE) for row in SUPPORT_TOPICS)
for _rows in (COMPETENCES, SERVICE_MANAGEMENT_TASKS, CONDITIONS, SUPPORT_TOPICS):
    _codes = [row[0] for row in _rows]
    assert len(_codes) == len(set(_codes)), "duplicate codes"
    assert all(code.isascii() for code in _codes), "codes must be ASCII"
    assert all(
        "\n" not in text and "  " not in text
        for row in _rows
        for text in row
        if isinstance(text, str)
    ), "names must be single-spaced single lines"
_condition_codes = {row[0] for row in CONDITIONS}
assert {f"N{i}" for i in range(1, 11)} <= _condition_codes
assert all(
    parent is None or (parent in _condition_codes and code.startswith(parent + "-"))
    for code, parent, *_ in CONDITIONS
)
del _rows, _codes, _condition_codes
