"""Demo data for `manage.py load_demo`: fictional but realistic.

Every organisation, person, service and resource here is invented; codes only
look like register codes, and e-mail addresses use example.lv / example.com
domains. The structure follows the project's DOMAIN.md: a ministry with two
institutions that own services and resources, their units, and three external
partners (a competence centre, an enterprise and an NGO) who deliver services
on the institutions' behalf. Course and material texts are given in
Latvian (the default language) and English as lists of blocks:
("h2", str), ("p", str) or ("ul", [str, ...]).

This module has no Django imports; the sanity checks at the bottom run on
import and when the file is executed directly.
"""

# (code, name_lv, name_en, kind, parent_code)
# kind in: state_institution, municipality, competence_centre, enterprise, ngo,
# natural_person
ORGANISATIONS = [
    # The ministry and, under it, the two service-owning institutions.
    (
        "90000000001",
        "Pakalpojumu attīstības ministrija",
        "Ministry of Service Development",
        "state_institution",
        None,
    ),
    (
        "90000000010",
        "Reģionālo pakalpojumu aģentūra",
        "Regional Services Agency",
        "state_institution",
        "90000000001",
    ),
    (
        "90000000020",
        "Sociālā atbalsta pakalpojumu centrs",
        "Social Support Services Centre",
        "state_institution",
        "90000000001",
    ),
    # Units of the Regional Services Agency: kind "unit", parent = the
    # institution; their staff belong to the agency's scope.
    (
        "90000000011",
        "Pakalpojumu vadības departaments",
        "Service Management Department",
        "unit",
        "90000000010",
    ),
    (
        "90000000012",
        "Klientu apkalpošanas departaments",
        "Customer Service Department",
        "unit",
        "90000000010",
    ),
    # Units of the Social Support Services Centre.
    (
        "90000000021",
        "Sociālo pakalpojumu nodrošināšanas departaments",
        "Social Services Delivery Department",
        "unit",
        "90000000020",
    ),
    (
        "90000000022",
        "Informācijas tehnoloģiju nodaļa",
        "Information Technology Division",
        "unit",
        "90000000020",
    ),
    # External partners that deliver services.
    (
        "90000000030",
        "Reģionālās attīstības kompetenču centrs",
        "Regional Development Competence Centre",
        "competence_centre",
        None,
    ),
    (
        "40003000123",
        "SIA „Ziemeļu biznesa pakalpojumi”",
        "Northern Business Services Ltd",
        "enterprise",
        None,
    ),
    (
        "40008000456",
        "Biedrība „Kopienu atbalsta tīkls”",
        "Community Support Network (association)",
        "ngo",
        None,
    ),
]

# (email, first_name, last_name, organisation_code, job_title_lv, language)
# fmt: off
PEOPLE = [
    # Ministry of Service Development
    ("marta.eglite@pam.example.lv", "Marta", "Eglīte", "90000000001",
     "Pakalpojumu politikas departamenta vecākā eksperte", "lv"),
    ("andris.vitols@pam.example.lv", "Andris", "Vītols", "90000000001",
     "Valsts sekretāra vietnieks", "lv"),
    ("kristine.jansone@pam.example.lv", "Kristīne", "Jansone", "90000000001",
     "Metodiķe pakalpojumu pārvaldības jautājumos", "lv"),
    # Regional Services Agency (institution 1)
    ("janis.ozols@rpa.example.lv", "Jānis", "Ozols", "90000000010",
     "Direktors", "lv"),
    ("ilze.kalnina@rpa.example.lv", "Ilze", "Kalniņa", "90000000010",
     "Direktora vietniece pakalpojumu jautājumos", "lv"),
    ("raitis.upitis@rpa.example.lv", "Raitis", "Upītis", "90000000010",
     "Direktora vietnieks resursu jautājumos", "lv"),
    ("arturs.dreimanis@rpa.example.lv", "Artūrs", "Dreimanis", "90000000010",
     "Informācijas sistēmu vadītājs", "lv"),
    ("sanita.lace@rpa.example.lv", "Sanita", "Lāce", "90000000010",
     "Juriskonsulte", "lv"),
    # ... its Service Management Department
    ("edgars.berzins@rpa.example.lv", "Edgars", "Bērziņš", "90000000011",
     "Departamenta direktors", "lv"),
    ("agnese.zarina@rpa.example.lv", "Agnese", "Zariņa", "90000000011",
     "Pakalpojuma vadītāja", "lv"),
    ("martins.krumins@rpa.example.lv", "Mārtiņš", "Krūmiņš", "90000000011",
     "Pakalpojuma vadītājs", "lv"),
    ("liga.petersone@rpa.example.lv", "Līga", "Pētersone", "90000000011",
     "Vecākā referente", "lv"),
    ("dace.liepina@rpa.example.lv", "Dace", "Liepiņa", "90000000011",
     "Mācību koordinatore", "lv"),
    # ... its Customer Service Department
    ("inese.balode@rpa.example.lv", "Inese", "Balode", "90000000012",
     "Departamenta direktore", "lv"),
    ("guntis.silins@rpa.example.lv", "Guntis", "Siliņš", "90000000012",
     "Kontaktu centra vadītājs", "lv"),
    ("evija.rozite@rpa.example.lv", "Evija", "Rozīte", "90000000012",
     "Klientu apkalpošanas speciāliste", "lv"),
    ("oskars.grinbergs@rpa.example.lv", "Oskars", "Grīnbergs", "90000000012",
     "Klientu apkalpošanas speciālists", "lv"),
    ("zane.klavina@rpa.example.lv", "Zane", "Kļaviņa", "90000000012",
     "Uzņēmējdarbības konsultante", "lv"),
    # Social Support Services Centre (institution 2)
    ("aija.priede@sapc.example.lv", "Aija", "Priede", "90000000020",
     "Direktore", "lv"),
    ("uldis.freimanis@sapc.example.lv", "Uldis", "Freimanis", "90000000020",
     "Direktora vietnieks pakalpojumu attīstības jautājumos", "lv"),
    ("baiba.strautina@sapc.example.lv", "Baiba", "Strautiņa", "90000000020",
     "Kvalitātes vadītāja", "lv"),
    # ... its Social Services Delivery Department
    ("laura.vanaga@sapc.example.lv", "Laura", "Vanaga", "90000000021",
     "Departamenta direktore", "lv"),
    ("karlis.sprogis@sapc.example.lv", "Kārlis", "Sproģis", "90000000021",
     "Pakalpojuma vadītājs", "lv"),
    ("gunta.ozolina@sapc.example.lv", "Gunta", "Ozoliņa", "90000000021",
     "Pakalpojuma vadītāja", "lv"),
    ("ieva.abele@sapc.example.lv", "Ieva", "Ābele", "90000000021",
     "Sociālā darbiniece", "lv"),
    ("valdis.berzs@sapc.example.lv", "Valdis", "Bērzs", "90000000021",
     "Sociālais darbinieks", "lv"),
    # ... its Information Technology Division
    ("girts.kalejs@sapc.example.lv", "Ģirts", "Kalējs", "90000000022",
     "Nodaļas vadītājs", "lv"),
    ("elina.apine@sapc.example.lv", "Elīna", "Apine", "90000000022",
     "Sistēmu analītiķe", "lv"),
    ("roberts.skujins@sapc.example.lv", "Roberts", "Skujiņš", "90000000022",
     "Sistēmu administrators", "en"),
    ("linda.krastina@sapc.example.lv", "Linda", "Krastiņa", "90000000022",
     "Dokumentu pārvaldības speciāliste", "lv"),
    # Regional Development Competence Centre (partner)
    ("santa.ozola@rakc.example.lv", "Santa", "Ozola", "90000000030",
     "Vecākā konsultante", "lv"),
    ("aivars.mednis@rakc.example.lv", "Aivars", "Mednis", "90000000030",
     "Uzņēmējdarbības konsultants", "lv"),
    ("toms.kronbergs@rakc.example.lv", "Toms", "Kronbergs", "90000000030",
     "Projektu vadītājs", "lv"),
    ("evita.leja@rakc.example.lv", "Evita", "Leja", "90000000030",
     "Pakalpojumu pārvaldības eksperte", "en"),
    # SIA „Ziemeļu biznesa pakalpojumi” (partner)
    ("rihards.birznieks@zbp.example.com", "Rihards", "Birznieks", "40003000123",
     "Valdes loceklis", "lv"),
    ("anna.lapina@zbp.example.com", "Anna", "Lapiņa", "40003000123",
     "Klientu apkalpošanas komandas vadītāja", "lv"),
    ("ketija.zalite@zbp.example.com", "Ketija", "Zālīte", "40003000123",
     "Dokumentu apstrādes speciāliste", "en"),
    ("maris.auzins@zbp.example.com", "Māris", "Auziņš", "40003000123",
     "IT atbalsta speciālists", "en"),
    # Biedrība „Kopienu atbalsta tīkls” (partner)
    ("dzintra.jaunzeme@kat.example.lv", "Dzintra", "Jaunzeme", "40008000456",
     "Valdes priekšsēdētāja", "lv"),
    ("arnis.riekstins@kat.example.lv", "Arnis", "Riekstiņš", "40008000456",
     "Asistenta pakalpojuma koordinators", "lv"),
    ("madara.celmina@kat.example.lv", "Madara", "Celmiņa", "40008000456",
     "Asistente", "lv"),
    ("reinis.vilks@kat.example.lv", "Reinis", "Vilks", "40008000456",
     "Psihologs", "lv"),
]
# fmt: on

# (code, name_lv, name_en, owner_code, manager_email)
SERVICES = [
    # Regional Services Agency
    (
        "PAK-1001",
        "Speciālās atļaujas izsniegšana pasažieru pārvadājumiem reģionālajos maršrutos",
        "Issuing a special permit for passenger transport on regional routes",
        "90000000010",
        "agnese.zarina@rpa.example.lv",
    ),
    (
        "PAK-1002",
        "Konsultācijas uzņēmējdarbības uzsākšanai reģionos",
        "Consultations on starting a business in the regions",
        "90000000010",
        "inese.balode@rpa.example.lv",
    ),
    (
        "PAK-1003",
        "Reģionālās attīstības atbalsta pieteikumu pieņemšana un izvērtēšana",
        "Receiving and assessing applications for regional development support",
        "90000000010",
        "martins.krumins@rpa.example.lv",
    ),
    # Social Support Services Centre
    (
        "PAK-1004",
        "Sociālā pabalsta pieteikuma izskatīšana un pabalsta piešķiršana",
        "Examining a social benefit application and granting the benefit",
        "90000000020",
        "laura.vanaga@sapc.example.lv",
    ),
    (
        "PAK-1005",
        "Asistenta pakalpojuma nodrošināšana personām ar invaliditāti",
        "Personal assistant service for persons with disabilities",
        "90000000020",
        "karlis.sprogis@sapc.example.lv",
    ),
    (
        "PAK-1006",
        "Psihosociālā atbalsta konsultācijas ģimenēm ar bērniem",
        "Psychosocial support consultations for families with children",
        "90000000020",
        "gunta.ozolina@sapc.example.lv",
    ),
]

# (code, name_lv, name_en, owner_code, manager_email)
RESOURCES = [
    (
        "RES-2001",
        "Pakalpojumu pieteikumu vadības informācijas sistēma",
        "Service request management information system",
        "90000000010",
        "arturs.dreimanis@rpa.example.lv",
    ),
    (
        "RES-2002",
        "Klientu kontaktu centrs",
        "Customer contact centre",
        "90000000010",
        "guntis.silins@rpa.example.lv",
    ),
    (
        "RES-2003",
        "Sociālo pakalpojumu uzskaites informācijas sistēma",
        "Social services case records information system",
        "90000000020",
        "elina.apine@sapc.example.lv",
    ),
    (
        "RES-2004",
        "Dokumentu veidņu bibliotēka",
        "Document template library",
        "90000000020",
        "linda.krastina@sapc.example.lv",
    ),
]

# (person_email, service_code or None, resource_code or None, start_date,
#  end_date or None)
# fmt: off
INVOLVEMENTS = [
    # PAK-1001 permits: agency staff, with document pre-checks outsourced.
    ("agnese.zarina@rpa.example.lv", "PAK-1001", None, "2023-02-01", None),
    ("liga.petersone@rpa.example.lv", "PAK-1001", None, "2023-02-01", None),
    ("sanita.lace@rpa.example.lv", "PAK-1001", None, "2023-02-01", "2025-06-30"),
    ("evija.rozite@rpa.example.lv", "PAK-1001", None, "2024-01-15", None),
    ("anna.lapina@zbp.example.com", "PAK-1001", None, "2024-09-02", None),
    ("ketija.zalite@zbp.example.com", "PAK-1001", None, "2024-09-02", None),
    # PAK-1002 business consultations: agency and competence centre.
    ("inese.balode@rpa.example.lv", "PAK-1002", None, "2022-09-01", None),
    ("zane.klavina@rpa.example.lv", "PAK-1002", None, "2022-09-01", None),
    ("oskars.grinbergs@rpa.example.lv", "PAK-1002", None, "2023-03-01", None),
    ("santa.ozola@rakc.example.lv", "PAK-1002", None, "2024-02-01", None),
    ("aivars.mednis@rakc.example.lv", "PAK-1002", None, "2024-02-01", None),
    # PAK-1003 regional development support applications.
    ("martins.krumins@rpa.example.lv", "PAK-1003", None, "2023-01-09", None),
    ("edgars.berzins@rpa.example.lv", "PAK-1003", None, "2023-01-09", None),
    ("liga.petersone@rpa.example.lv", "PAK-1003", None, "2024-05-02", None),
    ("toms.kronbergs@rakc.example.lv", "PAK-1003", None, "2024-03-01", None),
    ("evita.leja@rakc.example.lv", "PAK-1003", None, "2024-03-01", "2025-03-31"),
    # PAK-1004 social benefit: delivered by the centre's own staff only.
    ("laura.vanaga@sapc.example.lv", "PAK-1004", None, "2022-06-01", None),
    ("valdis.berzs@sapc.example.lv", "PAK-1004", None, "2022-06-01", None),
    ("ieva.abele@sapc.example.lv", "PAK-1004", None, "2023-09-01", None),
    # PAK-1005 personal assistants: the centre and the NGO.
    ("karlis.sprogis@sapc.example.lv", "PAK-1005", None, "2022-04-01", None),
    ("ieva.abele@sapc.example.lv", "PAK-1005", None, "2022-04-01", None),
    ("dzintra.jaunzeme@kat.example.lv", "PAK-1005", None, "2023-01-02", None),
    ("arnis.riekstins@kat.example.lv", "PAK-1005", None, "2023-01-02", None),
    ("madara.celmina@kat.example.lv", "PAK-1005", None, "2023-01-02", None),
    # PAK-1006 psychosocial consultations: the centre and the NGO.
    ("gunta.ozolina@sapc.example.lv", "PAK-1006", None, "2023-05-02", None),
    ("valdis.berzs@sapc.example.lv", "PAK-1006", None, "2024-01-08", None),
    ("reinis.vilks@kat.example.lv", "PAK-1006", None, "2024-02-01", None),
    # Resource users.
    ("evija.rozite@rpa.example.lv", None, "RES-2001", "2024-01-15", None),
    ("martins.krumins@rpa.example.lv", None, "RES-2001", "2023-01-09", None),
    ("anna.lapina@zbp.example.com", None, "RES-2001", "2024-09-02", None),
    ("maris.auzins@zbp.example.com", None, "RES-2001", "2024-09-02", None),
    ("oskars.grinbergs@rpa.example.lv", None, "RES-2002", "2023-03-01", None),
    ("evija.rozite@rpa.example.lv", None, "RES-2002", "2024-01-15", None),
    ("valdis.berzs@sapc.example.lv", None, "RES-2003", "2022-06-01", None),
    ("roberts.skujins@sapc.example.lv", None, "RES-2003", "2022-06-01", None),
    ("madara.celmina@kat.example.lv", None, "RES-2003", "2023-01-02", None),
    ("ieva.abele@sapc.example.lv", None, "RES-2004", "2023-09-01", None),
    ("arnis.riekstins@kat.example.lv", None, "RES-2004", "2023-01-02", None),
]
# fmt: on

# (person_email, role, scope_code)
# Portfolio roles are held at an institution, a service manager at a service,
# a resource manager at a resource.
# fmt: off
ROLE_ASSIGNMENTS = [
    ("ilze.kalnina@rpa.example.lv", "service_portfolio_manager", "90000000010"),
    ("raitis.upitis@rpa.example.lv", "resource_portfolio_manager", "90000000010"),
    ("uldis.freimanis@sapc.example.lv", "service_portfolio_manager", "90000000020"),
    ("girts.kalejs@sapc.example.lv", "resource_portfolio_manager", "90000000020"),
    ("agnese.zarina@rpa.example.lv", "service_manager", "PAK-1001"),
    ("inese.balode@rpa.example.lv", "service_manager", "PAK-1002"),
    ("martins.krumins@rpa.example.lv", "service_manager", "PAK-1003"),
    ("laura.vanaga@sapc.example.lv", "service_manager", "PAK-1004"),
    ("karlis.sprogis@sapc.example.lv", "service_manager", "PAK-1005"),
    ("gunta.ozolina@sapc.example.lv", "service_manager", "PAK-1006"),
    ("arturs.dreimanis@rpa.example.lv", "resource_manager", "RES-2001"),
    ("guntis.silins@rpa.example.lv", "resource_manager", "RES-2002"),
    ("elina.apine@sapc.example.lv", "resource_manager", "RES-2003"),
    ("linda.krastina@sapc.example.lv", "resource_manager", "RES-2004"),
]
# fmt: on

# Demo accounts, one per group: (email, password, group, person_email).
# The password is for a local demo database only; never use it elsewhere.
DEMO_PASSWORD = "demo-Parole-2026"
# fmt: off
DEMO_ACCOUNTS = [
    # A competence-centre consultant delivering the agency's PAK-1002.
    ("santa.ozola@rakc.example.lv", DEMO_PASSWORD, "Learner",
     "santa.ozola@rakc.example.lv"),
    # The agency's training coordinator.
    ("dace.liepina@rpa.example.lv", DEMO_PASSWORD, "Training coordinator",
     "dace.liepina@rpa.example.lv"),
    # The agency's service portfolio manager.
    ("ilze.kalnina@rpa.example.lv", DEMO_PASSWORD, "Manager",
     "ilze.kalnina@rpa.example.lv"),
    # A ministry methodologist who edits materials and courses.
    ("kristine.jansone@pam.example.lv", DEMO_PASSWORD, "Content editor",
     "kristine.jansone@pam.example.lv"),
]
# fmt: on

_ALL_ROLES = [
    "service_portfolio_manager",
    "service_manager",
    "resource_portfolio_manager",
    "resource_manager",
]

# Courses: text blocks in both languages, tagged with competence (K01..K16),
# task (PU) and condition (N) codes from DOMAIN.md, and the responsible roles
# they are meant for.
COURSES = [
    {
        "code": "ITIL-PAM",
        "title_lv": "ITIL pamati valsts pārvaldes pakalpojumu pārvaldībā",
        "title_en": "ITIL basics for managing public services",
        "summary_lv": (
            "Kurss iepazīstina ar ITIL labās prakses pamatjēdzieniem un parāda, kā tos "
            "piemērot valsts pārvaldes pakalpojumu pārvaldībā. Dalībnieki uzzina, ko "
            "iestādes ikdienas darbā nozīmē pakalpojuma vērtība, pakalpojuma līmenis "
            "un galvenās prakses."
        ),
        "summary_en": (
            "The course introduces the core concepts of ITIL good practice and shows "
            "how to apply them to managing public services. Participants learn what "
            "service value, service levels and the key practices mean in an "
            "institution's daily work."
        ),
        "body_lv": [
            ("h2", "Kāpēc ITIL valsts pārvaldē"),
            (
                "p",
                (
                    "ITIL ir pasaulē vispāratzīts pakalpojumu pārvaldības labās "
                    "prakses kopums. Valsts pakalpojumu pārvaldības politikā tas kalpo "
                    "kā kopīga valoda, lai iestādes un to partneri pakalpojumus "
                    "plānotu, sniegtu un pilnveidotu pēc vienotiem principiem. ITIL "
                    "nav jāievieš burtiski: iestādes izmanto tās prakses, kas palīdz "
                    "sasniegt pakalpojuma saņēmējam vajadzīgo rezultātu un ir "
                    "samērīgas ar iestādes lielumu."
                ),
            ),
            ("h2", "Pamatjēdzieni"),
            (
                "ul",
                [
                    (
                        "Pakalpojums – veids, kā kopīgi radīt vērtību, sekmējot "
                        "saņēmēja vēlamo rezultātu sasniegšanu bez nepieciešamības "
                        "saņēmējam pašam pārvaldīt konkrētas izmaksas un riskus."
                    ),
                    (
                        "Pakalpojuma saimnieks un sniedzējs – iestāde, kas atbild par "
                        "pakalpojumu, ne vienmēr to sniedz pati; sniegšanā var "
                        "piedalīties citas iestādes, kompetenču centri, uzņēmēji, "
                        "nevalstiskās organizācijas un fiziskas personas."
                    ),
                    (
                        "Pakalpojuma līmenis – saskaņoti un izmērāmi nosacījumi, "
                        "piemēram, izpildes termiņš, pieejamības laiks un kvalitātes "
                        "prasības, kas nostiprināti pakalpojumu līmeņa vienošanās."
                    ),
                    (
                        "Pakalpojumu portfolio – visu iestādes pakalpojumu kopums: "
                        "plānotie, sniegtie un likvidējamie pakalpojumi."
                    ),
                    (
                        "Incidents, problēma un izmaiņa – neplānots pakalpojuma "
                        "traucējums, tā pamatcēlonis un kontrolēta izmaiņa pakalpojumā "
                        "vai resursā."
                    ),
                ],
            ),
            ("h2", "Prakses iestādes ikdienā"),
            (
                "p",
                (
                    "Kursā aplūkotas prakses, kas tieši atbilst valsts pakalpojumu "
                    "pārvaldības uzdevumiem: pakalpojumu portfolio pārvaldība (PU2-1), "
                    "pakalpojumu līmeņu pārvaldība (PU2-9), pakalpojumu pieprasījumu "
                    "pārvaldība (PU2-15), izmaiņu pārvaldība (PU2-20) un incidentu "
                    "pārvaldība (PU2-21). Katrai praksei ir mērķis, atbildīgā loma, "
                    "ievaddati un rezultāts, kas jāfiksē tā, lai pakalpojums būtu "
                    "mērāms, kontrolējams un uzturams. Visas prakses vieno nemitīgas "
                    "pilnveides princips: novērtē pašreizējo situāciju, nosaka mērķi, "
                    "īsteno uzlabojumus un pārbauda, vai tie ir devuši rezultātu."
                ),
            ),
            (
                "ul",
                [
                    (
                        "Pēc kursa dalībnieks spēs skaidrot ITIL pamatjēdzienus un to "
                        "saistību ar valsts pakalpojumu pārvaldības uzdevumiem."
                    ),
                    (
                        "Dalībnieks spēs aprakstīt sava pakalpojuma vērtību saņēmējam "
                        "un pakalpojuma līmeņa nosacījumus."
                    ),
                    (
                        "Dalībnieks spēs atšķirt pakalpojuma pieprasījumu, incidentu "
                        "un izmaiņu un zinās, kā rīkoties katrā gadījumā."
                    ),
                    (
                        "Dalībnieks spēs piedalīties pakalpojuma pilnveidē kopā ar "
                        "iekšējiem un ārējiem pakalpojuma sniedzējiem."
                    ),
                ],
            ),
        ],
        "body_en": [
            ("h2", "Why ITIL matters in public administration"),
            (
                "p",
                (
                    "ITIL is a globally recognised body of good practice in service "
                    "management. In the state's service-management policy it serves as "
                    "a common language, so that institutions and their partners plan, "
                    "deliver and improve services on the same principles. ITIL does "
                    "not have to be adopted literally: institutions use the practices "
                    "that help the recipient achieve the result they need and that are "
                    "proportionate to the institution's size."
                ),
            ),
            ("h2", "Core concepts"),
            (
                "ul",
                [
                    (
                        "Service – a means of co-creating value by facilitating the "
                        "outcomes the recipient wants to achieve, without the "
                        "recipient having to bear specific costs and risks."
                    ),
                    (
                        "Service owner and service provider – the institution "
                        "responsible for a service does not always deliver it itself; "
                        "other institutions, competence centres, enterprises, NGOs and "
                        "natural persons can take part in delivery."
                    ),
                    (
                        "Service level – agreed, measurable terms such as turnaround "
                        "time, hours of availability and quality requirements, set "
                        "down in a service level agreement."
                    ),
                    (
                        "Service portfolio – all of an institution's services: "
                        "planned, live and being retired."
                    ),
                    (
                        "Incident, problem and change – an unplanned disruption of a "
                        "service, its root cause, and a controlled modification of a "
                        "service or resource."
                    ),
                ],
            ),
            ("h2", "Practices in the institution's daily work"),
            (
                "p",
                (
                    "The course covers the practices that correspond directly to the "
                    "state's service-management tasks: service portfolio management "
                    "(PU2-1), service level management (PU2-9), service request "
                    "management (PU2-15), change management (PU2-20) and incident "
                    "management (PU2-21). Each practice has a purpose, a responsible "
                    "role, inputs and an output, which must be recorded so that the "
                    "service is measurable, controllable and maintainable. All the "
                    "practices share the principle of continual improvement: assess "
                    "the current situation, set a target, implement improvements and "
                    "check whether they have worked."
                ),
            ),
            (
                "ul",
                [
                    (
                        "After the course, participants will be able to explain the "
                        "core ITIL concepts and how they relate to the state's "
                        "service-management tasks."
                    ),
                    (
                        "They will be able to describe the value of their service to "
                        "its recipients and its service-level terms."
                    ),
                    (
                        "They will be able to tell a service request, an incident and "
                        "a change apart and will know how to act in each case."
                    ),
                    (
                        "They will be able to take part in improving the service "
                        "together with internal and external service providers."
                    ),
                ],
            ),
        ],
        "duration_hours": 4,
        "competences": ["K06", "K03"],
        "tasks": ["PU2-1", "PU2-9", "PU2-15", "PU2-20", "PU2-21", "PU3-1"],
        "conditions": ["N1-1", "N1-2", "N9-1"],
        "audience": [
            "service_portfolio_manager",
            "service_manager",
            "resource_portfolio_manager",
            "resource_manager",
        ],
    },
    {
        "code": "KPI-MER",
        "title_lv": "Pakalpojumu darbības rādītāju noteikšana un mērīšana",
        "title_en": "Defining and measuring service performance indicators",
        "summary_lv": (
            "Kurss māca noteikt pakalpojuma rezultativitāti un efektivitāti "
            "raksturojošus rādītājus (KPI), tos mērīt un izmantot lēmumu pieņemšanā. "
            "Īpaša uzmanība pievērsta pakalpojumu līmeņa vienošanās nosacījumu "
            "izpildes kontrolei."
        ),
        "summary_en": (
            "The course teaches how to define indicators (KPIs) that describe a "
            "service's effectiveness and efficiency, how to measure them and how to "
            "use them in decision-making. Particular attention is paid to monitoring "
            "compliance with the terms of service level agreements."
        ),
        "body_lv": [
            ("h2", "Ko mēra un kāpēc"),
            (
                "p",
                (
                    "Darbības rādītāji ļauj objektīvi spriest, vai pakalpojums "
                    "sasniedz savu mērķi un vai tam izlietotie resursi ir samērīgi ar "
                    "rezultātu. Ja rādītāji nav noteikti, pakalpojums nav ne mērāms, "
                    "ne kontrolējams (nosacījums N1-1), un lēmumi par tā pilnveidi "
                    "balstās uz pieņēmumiem. Rādītājus nosaka pakalpojuma vadītājs "
                    "kopā ar pakalpojumu kopuma vadītāju (PU2-4), bet mērījumus veic "
                    "un to rezultātus izmanto pastāvīgi (PU2-23)."
                ),
            ),
            ("h2", "Rādītāju veidi"),
            (
                "ul",
                [
                    (
                        "Rezultativitātes rādītāji – vai saņēmējs ieguva vajadzīgo "
                        "rezultātu, piemēram, apmierināto pieteikumu īpatsvars vai "
                        "atkārtotu vēršanos skaits."
                    ),
                    (
                        "Efektivitātes rādītāji – cik resursu nepieciešams viena "
                        "pieteikuma izpildei, piemēram, vidējais apstrādes laiks un "
                        "izmaksas uz vienu pieteikumu."
                    ),
                    (
                        "Pakalpojuma līmeņa rādītāji – pakalpojumu līmeņa vienošanās "
                        "nosacījumu izpilde, piemēram, noteiktajā termiņā izskatīto "
                        "pieteikumu īpatsvars un informācijas sistēmas pieejamība "
                        "darba laikā."
                    ),
                    (
                        "Saņēmēju apmierinātības rādītāji – aptauju rezultāti, "
                        "ierosinājumu un sūdzību skaits un to cēloņi."
                    ),
                ],
            ),
            ("h2", "Kā izveidot labu rādītāju"),
            (
                "p",
                (
                    "Katram rādītājam jāapraksta nosaukums, mērķis, aprēķina formula, "
                    "datu avots, mērīšanas biežums, mērķa vērtība un atbildīgā "
                    "persona. Rādītājam jābūt saistītam ar pakalpojuma mērķi, "
                    "saprotamam gan iekšējiem, gan ārējiem sniedzējiem un izmērāmam ar "
                    "pieejamajiem datiem, vēlams automātiski no pieteikumu vadības "
                    "sistēmas. Ieteicams izvēlēties nelielu rādītāju skaitu: trīs līdz "
                    "pieci rādītāji vienam pakalpojumam ir pietiekami, lai redzētu "
                    "tendences un nenoslogotu darbiniekus ar uzskaiti. Pirms rādītāja "
                    "ieviešanas pārbaudiet, vai dati ir pieejami un uzticami, un "
                    "nosakiet bāzes vērtību, ar kuru salīdzināt turpmākos mērījumus."
                ),
            ),
            (
                "p",
                (
                    "Mērījumu rezultātus apspriež regulāri: reizi mēnesī pakalpojuma "
                    "vadītājs salīdzina faktiskās vērtības ar mērķa vērtībām un "
                    "pakalpojumu līmeņa vienošanās nosacījumiem (PU2-17), noskaidro "
                    "noviržu cēloņus un vienojas par uzlabojumiem. Ja pakalpojumu "
                    "sniedz partneris, rādītāji un to mērīšanas kārtība jāiekļauj "
                    "līgumā ar partneri, lai rezultāti būtu salīdzināmi. Rezultātus "
                    "iekļauj iestādes pārskatos un izmanto, plānojot pakalpojuma "
                    "attīstību un tam nepieciešamos resursus."
                ),
            ),
        ],
        "body_en": [
            ("h2", "What to measure and why"),
            (
                "p",
                (
                    "Performance indicators make it possible to judge objectively "
                    "whether a service achieves its purpose and whether the resources "
                    "it uses are proportionate to the result. If no indicators are "
                    "defined, the service is neither measurable nor controllable "
                    "(condition N1-1), and decisions on improving it rest on "
                    "assumptions. The service manager defines the indicators together "
                    "with the service portfolio manager (PU2-4); measurement and the "
                    "use of its results are ongoing (PU2-23)."
                ),
            ),
            ("h2", "Types of indicator"),
            (
                "ul",
                [
                    (
                        "Effectiveness indicators – whether the recipient obtained the "
                        "result they needed, e.g. the share of applications granted or "
                        "the number of repeat contacts."
                    ),
                    (
                        "Efficiency indicators – how many resources it takes to fulfil "
                        "one request, e.g. average handling time and cost per "
                        "application."
                    ),
                    (
                        "Service-level indicators – compliance with the terms of the "
                        "service level agreement, e.g. the share of applications "
                        "decided within the deadline and the availability of the "
                        "information system during working hours."
                    ),
                    (
                        "Recipient satisfaction indicators – survey results, the "
                        "number of suggestions and complaints, and their causes."
                    ),
                ],
            ),
            ("h2", "How to build a good indicator"),
            (
                "p",
                (
                    "Each indicator needs a name, purpose, calculation formula, data "
                    "source, measurement frequency, target value and responsible "
                    "person. It must be linked to the purpose of the service, "
                    "understandable to internal and external providers alike, and "
                    "measurable from the available data, preferably automatically from "
                    "the request management system. Choose a small number of "
                    "indicators: three to five per service are enough to see trends "
                    "without burdening staff with record-keeping. Before introducing "
                    "an indicator, check that the data are available and reliable, and "
                    "set a baseline against which later measurements will be compared."
                ),
            ),
            (
                "p",
                (
                    "Measurement results are discussed regularly: once a month the "
                    "service manager compares actual values with the target values and "
                    "the terms of the service level agreement (PU2-17), establishes "
                    "the causes of deviations and agrees on improvements. Where a "
                    "partner delivers the service, the indicators and how they are "
                    "measured must be included in the agreement with the partner so "
                    "that the results are comparable. The results are included in the "
                    "institution's reports and used when planning the development of "
                    "the service and the resources it needs."
                ),
            ),
        ],
        "duration_hours": 6,
        "competences": ["K11", "K04"],
        "tasks": ["PU2-4", "PU2-23", "PU2-17"],
        "conditions": ["N1-1", "N2-1"],
        "audience": [
            "service_portfolio_manager",
            "service_manager",
            "resource_manager",
        ],
    },
    {
        "code": "IZM-PARV",
        "title_lv": "Izmaiņu pārvaldība un pārmaiņu vadība pakalpojumu sniegšanā",
        "title_en": "Change control and leading change in service delivery",
        "summary_lv": (
            "Kurss aptver divas savstarpēji saistītas jomas: kontrolētu izmaiņu "
            "ieviešanu pakalpojumos un resursos (PU2-20) un cilvēku sagatavošanu "
            "pārmaiņām. Dalībnieki apgūst, kā novērtēt izmaiņu ietekmi un riskus, "
            "saskaņot izmaiņas ar iesaistītajiem un savlaicīgi informēt partnerus."
        ),
        "summary_en": (
            "The course covers two related fields: introducing controlled changes to "
            "services and resources (PU2-20) and preparing people for change. "
            "Participants learn how to assess the impact and risks of a change, agree "
            "it with those involved and inform partners in good time."
        ),
        "body_lv": [
            (
                "p",
                (
                    "Pakalpojumi mainās pastāvīgi: tiek grozīti normatīvie akti, "
                    "ieviesta jauna informācijas sistēma, mainās saņēmēju vajadzības "
                    "vai pakalpojumu sāk sniegt partneris. Izmaiņu pārvaldības mērķis "
                    "ir ieviest šādas izmaiņas, netraucējot pakalpojuma pieejamību un "
                    "kvalitāti. Pārmaiņu vadības mērķis ir panākt, lai cilvēki, kas "
                    "pakalpojumu sniedz, jauno kārtību saprastu, pieņemtu un spētu "
                    "īstenot. Abas jomas ir cieši saistītas, jo katra tehniska izmaiņa "
                    "skar arī cilvēku darba paradumus."
                ),
            ),
            ("h2", "Izmaiņu pārvaldības cikls"),
            (
                "ul",
                [
                    (
                        "Izmaiņu pieprasījuma reģistrēšana: kas jāmaina, kāpēc un "
                        "kurus pakalpojumus un resursus izmaiņa ietekmēs."
                    ),
                    (
                        "Ietekmes un risku novērtēšana, tostarp ietekme uz pakalpojumu "
                        "līmeņa vienošanās nosacījumiem un saistītajiem resursiem."
                    ),
                    (
                        "Saskaņošana ar pakalpojuma vadītāju un attiecīgā resursa "
                        "vadītāju, bet būtiskām izmaiņām – arī ar pakalpojumu kopuma "
                        "vadītāju."
                    ),
                    (
                        "Ieviešanas plānošana, testēšana un atkāpšanās plāna "
                        "sagatavošana gadījumam, ja izmaiņa neizdodas."
                    ),
                    (
                        "Ieviešana, rezultāta pārbaude un izmaiņas noslēgšana, "
                        "aktualizējot pakalpojuma aprakstu un instrukcijas."
                    ),
                ],
            ),
            ("h2", "Pārmaiņu vadība: cilvēki un sadarbība"),
            (
                "p",
                (
                    "Pat labi sagatavota izmaiņa neizdodas, ja darbinieki un partneri "
                    "par to uzzina pēdējā brīdī. Tāpēc pārmaiņām jābūt skaidri "
                    "pamatotām, jānosaka, kurus iesaistītos tās skar, un jāparedz "
                    "atbilstošs metodiskais atbalsts – aktualizētas instrukcijas, "
                    "apmācības un konsultācijas. Ārējiem pakalpojumu sniedzējiem "
                    "informācija jānodrošina tikpat savlaicīgi un tādā pašā apjomā kā "
                    "iestādes darbiniekiem. Vislielākā pretestība parasti rodas, ja "
                    "cilvēki nesaprot, kāpēc pārmaiņas ir vajadzīgas, vai baidās, ka "
                    "netiks galā ar jauno kārtību; abus riskus mazina atklāta "
                    "komunikācija un savlaicīgas apmācības."
                ),
            ),
            ("h2", "Praktiski ieteikumi"),
            (
                "ul",
                [
                    (
                        "Sagatavojiet īsu izmaiņu kopsavilkumu: kas mainās, no kura "
                        "datuma un ko tas nozīmē katrai lomai."
                    ),
                    (
                        "Iesaistiet dažus pakalpojuma sniedzējus jau plānošanā – viņi "
                        "visātrāk pamanīs praktiskus šķēršļus."
                    ),
                    (
                        "Pēc ieviešanas sekojiet līdzi darbības rādītājiem, "
                        "pieprasījumiem un sūdzībām, lai laikus pamanītu neparedzētas "
                        "sekas."
                    ),
                    (
                        "Izmaiņu rezultātus un gūto pieredzi ierakstiet zināšanu bāzē, "
                        "lai tos varētu izmantot turpmāk."
                    ),
                ],
            ),
        ],
        "body_en": [
            (
                "p",
                (
                    "Services change constantly: legislation is amended, a new "
                    "information system is introduced, recipients' needs shift, or a "
                    "partner starts delivering the service. The aim of change control "
                    "is to introduce such changes without disrupting the availability "
                    "and quality of the service. The aim of change management is to "
                    "ensure that the people who deliver the service understand, accept "
                    "and are able to apply the new arrangements. The two fields are "
                    "closely linked, because every technical change also affects how "
                    "people work."
                ),
            ),
            ("h2", "The change control cycle"),
            (
                "ul",
                [
                    (
                        "Recording the change request: what must change, why, and "
                        "which services and resources it affects."
                    ),
                    (
                        "Assessing impact and risks, including the effect on the terms "
                        "of service level agreements and on related resources."
                    ),
                    (
                        "Approval by the service manager and the manager of the "
                        "resource concerned, and for major changes also by the service "
                        "portfolio manager."
                    ),
                    (
                        "Planning the implementation, testing, and preparing a "
                        "fallback plan in case the change fails."
                    ),
                    (
                        "Implementation, checking the result and closing the change, "
                        "updating the service description and instructions."
                    ),
                ],
            ),
            ("h2", "Change management: people and cooperation"),
            (
                "p",
                (
                    "Even a well-prepared change fails if staff and partners learn "
                    "about it at the last minute. Changes must therefore be clearly "
                    "justified, it must be determined which of those involved they "
                    "affect, and suitable methodological support must be planned: "
                    "updated instructions, training and consultations. External "
                    "service providers must receive information as early and as fully "
                    "as the institution's own staff. Resistance is usually strongest "
                    "when people do not understand why the change is needed or fear "
                    "that they will not cope with the new arrangements; open "
                    "communication and timely training reduce both risks."
                ),
            ),
            ("h2", "Practical recommendations"),
            (
                "ul",
                [
                    (
                        "Prepare a short summary of the change: what changes, from "
                        "what date and what it means for each role."
                    ),
                    (
                        "Involve a few service providers already at the planning stage "
                        "– they will be the first to notice practical obstacles."
                    ),
                    (
                        "After implementation, keep track of performance indicators, "
                        "requests and complaints to spot unintended consequences "
                        "early."
                    ),
                    (
                        "Record the results of the change and the lessons learned in "
                        "the knowledge base so that they can be reused."
                    ),
                ],
            ),
        ],
        "duration_hours": 4,
        "competences": ["K13", "K10"],
        "tasks": ["PU2-20", "PU3-1", "PU3-2", "PU2-11"],
        "conditions": ["N1-3", "N4-2"],
        "audience": [
            "service_portfolio_manager",
            "service_manager",
            "resource_portfolio_manager",
            "resource_manager",
        ],
    },
    {
        "code": "MET-ATB",
        "title_lv": (
            "Metodiskā atbalsta nodrošināšana pakalpojumu sniegšanā iesaistītajiem"
        ),
        "title_en": (
            "Providing methodological support to everyone involved in delivering "
            "services"
        ),
        "summary_lv": (
            "Kurss skaidro pakalpojumu pārvaldības uzdevumu PU2-12: kādu metodisko "
            "atbalstu iestāde nodrošina saviem darbiniekiem un partneriem – "
            "pakalpojumu sniedzējiem – un kurš par to atbild. Tas paredzēts visām "
            "četrām atbildīgajām lomām."
        ),
        "summary_en": (
            "The course explains service-management task PU2-12: what methodological "
            "support an institution provides to its staff and to partners who deliver "
            "services, and who is responsible for it. It is intended for all four "
            "responsible roles."
        ),
        "body_lv": [
            ("h2", "Uzdevuma rezultāts"),
            (
                "p",
                (
                    "Uzdevums ir izpildīts, ja pakalpojumu sniegšanā un pārvaldībā "
                    "iesaistītajiem, tostarp partneriem, kas pakalpojumus sniedz "
                    "iestādes vārdā, ir sagatavoti un pieejami metodiskie materiāli, "
                    "vadlīnijas un procesu apraksti, kā arī tiek sniegtas "
                    "konsultācijas un notiek apmācības. Ja šāda atbalsta nav, nav "
                    "iespējams nodrošināt pakalpojumu pārvaldības politikas "
                    "īstenošanai nepieciešamās kompetences un to pārnesi, vienotu "
                    "pieeju politikas īstenošanā un rezultatīvu un efektīvu "
                    "pakalpojumu pārvaldību."
                ),
            ),
            ("h2", "Kas atbild par atbalstu"),
            (
                "ul",
                [
                    (
                        "Pakalpojumu kopuma vadītājs nodrošina atbalstu visiem "
                        "iestādes pakalpojumu sniegšanā iesaistītajiem par valstī "
                        "vienoto pakalpojumu pārvaldības politiku, nozares, "
                        "pašvaldības vai iestādes pakalpojumu attīstības stratēģiju, "
                        "saistītajiem normatīvajiem aktiem, centralizētajiem "
                        "tehnoloģiskajiem risinājumiem un iestādes centralizētajiem "
                        "procesiem."
                    ),
                    (
                        "Pakalpojuma vadītājs sniedz atbalstu konkrētā pakalpojuma "
                        "sniedzējiem par sniegšanas rezultātu un procesu, pakalpojuma "
                        "līmeni un kvalitāti, efektīvākajiem sniegšanas veidiem, "
                        "tehnisko dokumentāciju, normatīvajiem aktiem un "
                        "nepieciešamajām spējām un resursiem."
                    ),
                    (
                        "Resursu kopuma vadītājs nodrošina atbalstu par informācijas "
                        "un zināšanu izmantošanu un iestādes resursu lietošanu."
                    ),
                    (
                        "Resursa vadītājs sniedz atbalstu konkrētā resursa lietotājiem "
                        "par tā lietošanu."
                    ),
                ],
            ),
            ("h2", "Atbalsta veidi un vienlīdzīga pieeja"),
            (
                "p",
                (
                    "Metodiskais atbalsts var izpausties kā informācijas pieejamības "
                    "nodrošināšana (apraksti, instrukcijas, vadlīnijas), apmācības un "
                    "konsultācijas. Atbalsts ir vienlīdz svarīgs gan iekšējiem, gan "
                    "ārējiem pakalpojumu sniedzējiem: citām iestādēm, tostarp "
                    "kompetenču centriem, uzņēmējiem, nevalstiskajām organizācijām un "
                    "fiziskām personām. Tādēļ iestādei jāzina, kas ir iesaistīts katra "
                    "pakalpojuma sniegšanā un kāds atbalsts katram ir nepieciešams."
                ),
            ),
            (
                "p",
                (
                    "Praksē tas nozīmē uzturēt iesaistīto personu sarakstu, regulāri "
                    "apzināt viņu vajadzības pēc atbalsta, plānot apmācības obligāti "
                    "iegūstamajās kompetencēs un pārliecināties, ka materiāli ir "
                    "pieejami arī tiem, kuriem nav piekļuves iestādes iekšējām "
                    "sistēmām. Deleģējamās kompetences var nodrošināt centralizēti ar "
                    "iekšēja vai ārēja kompetenču centra palīdzību. Sniegto atbalstu "
                    "un tā rezultātus – apgūtos kursus, sniegtās konsultācijas un "
                    "apliecināto iepazīšanos ar materiāliem – ieteicams uzskaitīt, lai "
                    "atbildīgie vadītāji redzētu, kam atbalsts vēl ir nepieciešams."
                ),
            ),
        ],
        "body_en": [
            ("h2", "The result of the task"),
            (
                "p",
                (
                    "The task is fulfilled when everyone involved in delivering and "
                    "managing services, including partners who deliver services on the "
                    "institution's behalf, has prepared and available methodological "
                    "materials, guidelines and process descriptions, and receives "
                    "consultations and training. Without such support it is impossible "
                    "to ensure the competences needed to implement the "
                    "service-management policy and their transfer, a unified approach "
                    "to implementing the policy, and effective and efficient service "
                    "management."
                ),
            ),
            ("h2", "Who is responsible for support"),
            (
                "ul",
                [
                    (
                        "The service portfolio manager provides support to everyone "
                        "involved in delivering the institution's services on the "
                        "state's unified service-management policy, the sector's, "
                        "municipality's or institution's service development strategy, "
                        "related legislation, centralised technology solutions and the "
                        "institution's centralised processes."
                    ),
                    (
                        "The service manager supports those delivering a specific "
                        "service on its result and process, service level and quality, "
                        "the most effective ways of delivery, technical documentation, "
                        "legislation, and the capabilities and resources it needs."
                    ),
                    (
                        "The resource portfolio manager provides support on the use of "
                        "information and knowledge and on the use of the institution's "
                        "resources."
                    ),
                    (
                        "The resource manager supports the users of a specific "
                        "resource in using it."
                    ),
                ],
            ),
            ("h2", "Forms of support and equal treatment"),
            (
                "p",
                (
                    "Methodological support can take the form of making information "
                    "available (descriptions, instructions, guidelines), training and "
                    "consultations. Support is equally important for internal and "
                    "external service providers: other institutions, including "
                    "competence centres, enterprises, non-governmental organisations "
                    "and natural persons. The institution must therefore know who is "
                    "involved in delivering each service and what support each of them "
                    "needs."
                ),
            ),
            (
                "p",
                (
                    "In practice this means keeping a list of the people involved, "
                    "regularly identifying their need for support, planning training "
                    "in the mandatory competences and making sure that materials are "
                    "also available to those who have no access to the institution's "
                    "internal systems. Delegable competences can be provided centrally "
                    "with the help of an internal or external competence centre. It is "
                    "advisable to record the support provided and its results – "
                    "courses completed, consultations given and confirmed "
                    "acknowledgement of materials – so that the responsible managers "
                    "can see who still needs support."
                ),
            ),
        ],
        "duration_hours": 3,
        "competences": ["K03", "K02", "K12"],
        "tasks": ["PU2-12", "PU2-11", "PU2-10", "PU1-4"],
        "conditions": ["N4-2", "N8-2", "N9-1", "N6-2"],
        "audience": [
            "service_portfolio_manager",
            "service_manager",
            "resource_portfolio_manager",
            "resource_manager",
        ],
    },
]

# Methodological materials (kind: guideline, process or instruction),
# tagged like courses and, where specific, with the services they concern.
MATERIALS = [
    {
        "slug": "vadlinijas-pakalpojuma-apraksta-sagatavosanai",
        "kind": "guideline",
        "title_lv": "Vadlīnijas pakalpojuma apraksta sagatavošanai",
        "title_en": "Guideline for writing a service description",
        "summary_lv": (
            "Vadlīnijas nosaka, kāda informācija jāietver pakalpojuma aprakstā un kā "
            "to formulēt, lai apraksts būtu saprotams saņēmējam un vienveidīgs visiem "
            "iestādes pakalpojumiem."
        ),
        "summary_en": (
            "The guideline sets out what information a service description must "
            "contain and how to word it, so that the description is clear to the "
            "recipient and consistent across all of the institution's services."
        ),
        "body_lv": [
            ("h2", "Mērķis un atbildība"),
            (
                "p",
                (
                    "Pakalpojuma apraksts ir galvenais informācijas avots gan "
                    "saņēmējam, gan visiem, kas pakalpojumu sniedz. Vienveidīgi "
                    "apraksti (nosacījums N9-1) ļauj saņēmējam ātri saprast, kā "
                    "pakalpojumu saņemt, bet sniedzējiem – strādāt pēc vienotiem "
                    "noteikumiem. Apraksta sagatavošanu organizē pakalpojuma vadītājs, "
                    "bet tā atbilstību iestādes pakalpojumu portfolio un citu "
                    "pakalpojumu aprakstiem pārbauda pakalpojumu kopuma vadītājs."
                ),
            ),
            ("h2", "Obligātās apraksta sadaļas"),
            (
                "ul",
                [
                    (
                        "Nosaukums – īss un saprotams, veidots no saņēmēja skatpunkta, "
                        "piemēram, „Speciālās atļaujas izsniegšana”, nevis iestādes "
                        "iekšējā procesa nosaukums."
                    ),
                    (
                        "Saņēmēji un dzīves situācijas – kam pakalpojums paredzēts un "
                        "kādās dzīves situācijās tas ir nepieciešams."
                    ),
                    (
                        "Rezultāts – ko saņēmējs iegūst: lēmumu, atļauju, izmaksu vai "
                        "konsultāciju."
                    ),
                    (
                        "Pieprasīšanas kārtība un kanāli – e-pakalpojums, klātiene, "
                        "pasts vai tālrunis, nepieciešamie dokumenti un maksa, ja tāda "
                        "ir noteikta."
                    ),
                    "Izpildes termiņš un citi pakalpojuma līmeņa nosacījumi.",
                    (
                        "Normatīvais pamatojums, atbildīgā iestāde un, ja pakalpojumu "
                        "sniedz partneris, partnera nosaukums un saziņas kanāli."
                    ),
                ],
            ),
            ("h2", "Rakstības ieteikumi"),
            (
                "ul",
                [
                    (
                        "Rakstiet vienkāršā valodā un īsos teikumos, uzrunājot "
                        "saņēmēju („Jūs varat pieteikties…”)."
                    ),
                    (
                        "Izvairieties no saīsinājumiem un iestādes iekšējiem "
                        "terminiem; ja tie ir nepieciešami, paskaidrojiet tos."
                    ),
                    (
                        "Norādiet konkrētus termiņus darba dienās un precīzu maksas "
                        "apmēru."
                    ),
                    (
                        "Pirms publicēšanas lūdziet aprakstu izlasīt kādam, kas nav "
                        "iesaistīts pakalpojuma sniegšanā, un vismaz vienam ārējam "
                        "sniedzējam."
                    ),
                    (
                        "Aktualizējiet aprakstu ikreiz, kad mainās normatīvie akti, "
                        "process vai sniegšanas kanāli."
                    ),
                ],
            ),
            (
                "p",
                (
                    "Apstiprināto aprakstu publicē Pakalpojumu reģistrā un iestādes "
                    "tīmekļvietnē, lai saņēmēji būtu informēti par pieejamajiem "
                    "pakalpojumiem (PU2-8). Tas kļūst par pamatu sniedzēju "
                    "instrukcijām, apmācībām un konsultācijām, tāpēc jaunā vai grozītā "
                    "apraksta versija vienlaikus jānodod arī partneriem, kas "
                    "pakalpojumu sniedz iestādes vārdā."
                ),
            ),
        ],
        "body_en": [
            ("h2", "Purpose and responsibility"),
            (
                "p",
                (
                    "The service description is the main source of information both "
                    "for the recipient and for everyone who delivers the service. "
                    "Consistent descriptions (condition N9-1) let the recipient "
                    "quickly understand how to obtain the service and let providers "
                    "work to the same rules. The service manager organises the "
                    "preparation of the description, and the service portfolio manager "
                    "checks that it fits the institution's service portfolio and the "
                    "descriptions of other services."
                ),
            ),
            ("h2", "Mandatory sections of a description"),
            (
                "ul",
                [
                    (
                        "Name – short and clear, worded from the recipient's point of "
                        "view, e.g. “Issuing a special permit”, rather than the name "
                        "of the institution's internal process."
                    ),
                    (
                        "Recipients and life situations – who the service is for and "
                        "in which life situations it is needed."
                    ),
                    (
                        "Result – what the recipient obtains: a decision, a permit, a "
                        "payment or a consultation."
                    ),
                    (
                        "How to apply and channels – e-service, in person, by post or "
                        "by phone, the documents required and the fee, if any."
                    ),
                    "Turnaround time and other service-level terms.",
                    (
                        "Legal basis, the responsible institution and, where a partner "
                        "delivers the service, the partner's name and contact "
                        "channels."
                    ),
                ],
            ),
            ("h2", "Writing tips"),
            (
                "ul",
                [
                    (
                        "Write in plain language and short sentences, addressing the "
                        "recipient directly (“You can apply…”)."
                    ),
                    (
                        "Avoid abbreviations and the institution's internal jargon; "
                        "where they are needed, explain them."
                    ),
                    (
                        "State specific deadlines in working days and the exact amount "
                        "of any fee."
                    ),
                    (
                        "Before publication, ask someone who is not involved in "
                        "delivering the service, and at least one external provider, "
                        "to read the description."
                    ),
                    (
                        "Update the description whenever the legislation, the process "
                        "or the delivery channels change."
                    ),
                ],
            ),
            (
                "p",
                (
                    "The approved description is published in the Services register "
                    "and on the institution's website so that recipients are informed "
                    "about the services available (PU2-8). It becomes the basis for "
                    "providers' instructions, training and consultations, so a new or "
                    "amended version must be passed at the same time to the partners "
                    "who deliver the service on the institution's behalf."
                ),
            ),
        ],
        "competences": ["K04", "K10"],
        "tasks": ["PU2-7", "PU2-8"],
        "conditions": ["N9-1", "N1-4", "N6-1"],
        "services": [],
    },
    {
        "slug": "ierosinajumu-un-sudzibu-izskatisanas-process",
        "kind": "process",
        "title_lv": "Saņēmēju ierosinājumu un sūdzību izskatīšanas process",
        "title_en": "Process for handling recipients' suggestions and complaints",
        "summary_lv": (
            "Procesa apraksts nosaka, kā iestāde un tās partneri reģistrē, izvērtē un "
            "izskata pakalpojumu saņēmēju ierosinājumus un sūdzības un kā rezultātus "
            "izmanto pakalpojumu pilnveidē."
        ),
        "summary_en": (
            "The process description sets out how the institution and its partners "
            "record, assess and deal with service recipients' suggestions and "
            "complaints, and how the results are used to improve services."
        ),
        "body_lv": [
            ("h2", "Darbības joma"),
            (
                "p",
                (
                    "Process attiecas uz visiem Sociālā atbalsta pakalpojumu centra "
                    "pakalpojumiem un visiem to sniedzējiem, tostarp partneriem, kas "
                    "pakalpojumus sniedz centra vārdā. Ierosinājumu vai sūdzību var "
                    "iesniegt jebkurā kanālā: klātienē, pa tālruni, e-pastā vai "
                    "e-pakalpojumā. Neatkarīgi no kanāla to reģistrē vienotajā sūdzību "
                    "un ierosinājumu pārvaldības risinājumā, lai neviens iesniegums "
                    "nepazustu un visus varētu analizēt kopā."
                ),
            ),
            ("h2", "Procesa soļi"),
            (
                "ul",
                [
                    (
                        "Reģistrēšana: darbinieks vai partneris, kas saņēmis "
                        "ierosinājumu vai sūdzību, to reģistrē vienas darba dienas "
                        "laikā, norādot pakalpojumu, saņemšanas kanālu un būtību."
                    ),
                    (
                        "Šķirošana: sūdzību koordinators nosaka atbildīgo pakalpojuma "
                        "vadītāju un pārbauda, vai nav jārīkojas nekavējoties, "
                        "piemēram, ja ir apdraudēta saņēmēja drošība."
                    ),
                    (
                        "Izvērtēšana: pakalpojuma vadītājs noskaidro apstākļus, "
                        "vajadzības gadījumā uzklausot saņēmēju un iesaistīto "
                        "partneri."
                    ),
                    (
                        "Atbilde: saņēmējs saņem pamatotu atbildi Iesniegumu likumā "
                        "noteiktajā termiņā; centra iekšējais mērķis ir atbildēt 10 "
                        "darba dienu laikā."
                    ),
                    (
                        "Darbības: ja sūdzība ir pamatota, novērš konkrēto trūkumu un, "
                        "ja nepieciešams, ierosina izmaiņas pakalpojumā."
                    ),
                    (
                        "Analīze: reizi ceturksnī pakalpojumu kopuma vadītājs apkopo "
                        "ierosinājumus un sūdzības pa pakalpojumiem un cēloņiem un "
                        "iekļauj secinājumus pakalpojumu pilnveides plānā."
                    ),
                ],
            ),
            ("h2", "Lomas un rādītāji"),
            (
                "p",
                (
                    "Par procesu kopumā atbild pakalpojumu kopuma vadītājs, bet par "
                    "konkrētā pakalpojuma ierosinājumu un sūdzību izskatīšanu – "
                    "pakalpojuma vadītājs. Partneri procesā piedalās tādā pašā kārtībā "
                    "kā centra darbinieki, un viņiem ir nodrošināta piekļuve "
                    "reģistrēšanas risinājumam un šim procesa aprakstam. Procesa "
                    "darbību raksturo trīs rādītāji: termiņā atbildēto sūdzību "
                    "īpatsvars, pamatoto sūdzību īpatsvars un to ierosinājumu skaits, "
                    "kuru rezultātā pakalpojums ir uzlabots."
                ),
            ),
        ],
        "body_en": [
            ("h2", "Scope"),
            (
                "p",
                (
                    "The process covers all services of the Social Support Services "
                    "Centre and all their providers, including partners who deliver "
                    "services on the Centre's behalf. A suggestion or complaint may be "
                    "submitted through any channel: in person, by phone, by e-mail or "
                    "through an e-service. Whatever the channel, it is recorded in the "
                    "single complaints and suggestions management solution, so that no "
                    "submission is lost and all of them can be analysed together."
                ),
            ),
            ("h2", "Process steps"),
            (
                "ul",
                [
                    (
                        "Recording: the staff member or partner who received the "
                        "suggestion or complaint records it within one working day, "
                        "stating the service, the channel and the substance."
                    ),
                    (
                        "Triage: the complaints coordinator assigns the responsible "
                        "service manager and checks whether immediate action is "
                        "needed, for example when the recipient's safety is at risk."
                    ),
                    (
                        "Assessment: the service manager establishes the facts, "
                        "hearing the recipient and the partner involved where "
                        "necessary."
                    ),
                    (
                        "Reply: the recipient receives a reasoned reply within the "
                        "time limit set by the Law on Submissions; the Centre's "
                        "internal target is to reply within 10 working days."
                    ),
                    (
                        "Action: if the complaint is justified, the specific "
                        "shortcoming is remedied and, where necessary, a change to the "
                        "service is proposed."
                    ),
                    (
                        "Analysis: once a quarter the service portfolio manager "
                        "summarises suggestions and complaints by service and cause "
                        "and includes the conclusions in the service improvement plan."
                    ),
                ],
            ),
            ("h2", "Roles and indicators"),
            (
                "p",
                (
                    "The service portfolio manager is responsible for the process as a "
                    "whole, and the service manager for handling the suggestions and "
                    "complaints about a specific service. Partners take part in the "
                    "process on the same terms as the Centre's staff and are given "
                    "access to the recording solution and to this process description. "
                    "The process is measured by three indicators: the share of "
                    "complaints answered on time, the share of complaints found "
                    "justified, and the number of suggestions that led to an "
                    "improvement of the service."
                ),
            ),
        ],
        "competences": ["K10", "K12"],
        "tasks": ["PU2-18", "PU2-16", "PU3-1"],
        "conditions": ["N4-1", "N6-2"],
        "services": ["PAK-1004", "PAK-1005", "PAK-1006"],
    },
    {
        "slug": "pakalpojuma-registresana-pakalpojumu-registra",
        "kind": "instruction",
        "title_lv": "Instrukcija pakalpojuma reģistrēšanai Pakalpojumu reģistrā",
        "title_en": "Instruction for registering a service in the Services register",
        "summary_lv": (
            "Instrukcijā soli pa solim aprakstīts, kā pakalpojuma vadītājs reģistrē "
            "jaunu pakalpojumu vai aktualizē esoša pakalpojuma ierakstu valsts "
            "vienotajā Pakalpojumu reģistrā."
        ),
        "summary_en": (
            "The instruction describes step by step how a service manager registers a "
            "new service, or updates the record of an existing one, in the state's "
            "unified Services register."
        ),
        "body_lv": [
            ("h2", "Pirms reģistrēšanas"),
            (
                "p",
                (
                    "Pirms pakalpojuma reģistrēšanas pakalpojuma vadītājs pārliecinās, "
                    "ka pakalpojums ir iekļauts iestādes pakalpojumu portfolio un ka "
                    "pakalpojumu kopuma vadītājs ir apstiprinājis tā aprakstu, kas "
                    "sagatavots saskaņā ar vadlīnijām pakalpojuma apraksta "
                    "sagatavošanai. Jāsagatavo arī to resursu saraksts, kas "
                    "nepieciešami pakalpojuma sniegšanai, ar to kodiem Resursu "
                    "reģistrā. Reģistrā strādā ar personīgu piekļuvi, ko pēc "
                    "pakalpojumu kopuma vadītāja pieprasījuma piešķir iestādes "
                    "reģistra administrators."
                ),
            ),
            ("h2", "Reģistrēšanas soļi"),
            (
                "ul",
                [
                    (
                        "Pieslēdzieties Pakalpojumu reģistram, izmantojot personīgo "
                        "autentifikācijas līdzekli, un izvēlieties savu iestādi."
                    ),
                    (
                        "Izveidojiet jaunu pakalpojuma ierakstu un aizpildiet "
                        "pamatdatus: nosaukumu, īso aprakstu, saņēmēju grupas, "
                        "rezultātu un normatīvo pamatojumu."
                    ),
                    (
                        "Norādiet pieprasīšanas un saņemšanas kanālus, izpildes "
                        "termiņu, maksu un pakalpojuma līmeņa nosacījumus."
                    ),
                    (
                        "Sasaistiet pakalpojumu ar attiecīgajām dzīves situācijām "
                        "Dzīves situāciju reģistrā un ar nepieciešamajiem resursiem "
                        "Resursu reģistrā."
                    ),
                    (
                        "Ja pakalpojumu sniedz partneris, norādiet partneri un tā lomu "
                        "pakalpojuma sniegšanā."
                    ),
                    (
                        "Saglabājiet ierakstu kā melnrakstu un nosūtiet to "
                        "saskaņošanai pakalpojumu kopuma vadītājam; pēc saskaņošanas "
                        "ierakstu publicējiet."
                    ),
                ],
            ),
            ("h2", "Pēc reģistrēšanas"),
            (
                "p",
                (
                    "Reģistrs piešķir pakalpojumam unikālu kodu, kas jāizmanto visos "
                    "iestādes dokumentos, informācijas sistēmās un darbības rādītāju "
                    "pārskatos. Ieraksts jāaktualizē ne vēlāk kā piecu darba dienu "
                    "laikā pēc tam, kad mainījušies pakalpojuma sniegšanas nosacījumi, "
                    "un vismaz reizi gadā jāpārbauda tā atbilstība faktiskajai "
                    "situācijai. Par katru būtisku izmaiņu ierakstā informējiet visus "
                    "pakalpojuma sniedzējus, tostarp partnerus, un aktualizējiet "
                    "saistītās instrukcijas. Ja pakalpojumu paredzēts likvidēt, "
                    "ierakstu nedzēsiet, bet norādiet sniegšanas beigu datumu un "
                    "pakalpojumu, kas to aizstāj, ja tāds ir."
                ),
            ),
        ],
        "body_en": [
            ("h2", "Before registration"),
            (
                "p",
                (
                    "Before registering a service, the service manager makes sure that "
                    "the service is included in the institution's service portfolio "
                    "and that the service portfolio manager has approved its "
                    "description, prepared in line with the guideline for writing a "
                    "service description. A list of the resources needed to deliver "
                    "the service, with their codes in the Resources register, must "
                    "also be prepared. The register is used with personal access "
                    "rights, granted by the institution's register administrator at "
                    "the request of the service portfolio manager."
                ),
            ),
            ("h2", "Registration steps"),
            (
                "ul",
                [
                    (
                        "Log in to the Services register with your personal means of "
                        "authentication and select your institution."
                    ),
                    (
                        "Create a new service record and fill in the basic data: name, "
                        "short description, recipient groups, result and legal basis."
                    ),
                    (
                        "Enter the channels for requesting and receiving the service, "
                        "the turnaround time, the fee and the service-level terms."
                    ),
                    (
                        "Link the service to the relevant life situations in the "
                        "Life-situations register and to the resources it needs in the "
                        "Resources register."
                    ),
                    (
                        "If a partner delivers the service, identify the partner and "
                        "its role in delivering the service."
                    ),
                    (
                        "Save the record as a draft and send it to the service "
                        "portfolio manager for approval; once approved, publish the "
                        "record."
                    ),
                ],
            ),
            ("h2", "After registration"),
            (
                "p",
                (
                    "The register assigns the service a unique code, which must be "
                    "used in all of the institution's documents, information systems "
                    "and performance reports. The record must be updated no later than "
                    "five working days after the conditions of delivery change, and "
                    "its accuracy must be checked against the actual situation at "
                    "least once a year. Inform all providers of the service, including "
                    "partners, of every significant change to the record and update "
                    "the related instructions. If the service is to be discontinued, "
                    "do not delete the record; instead, enter the end date of delivery "
                    "and the service that replaces it, if any."
                ),
            ),
        ],
        "competences": ["K04", "K16"],
        "tasks": ["PU2-7", "PU2-1"],
        "conditions": ["N9-1", "N1-4", "N1-5"],
        "services": [],
    },
    {
        "slug": "arejo-partneru-ievadisana-darba",
        "kind": "guideline",
        "title_lv": (
            "Vadlīnijas ārējo partneru – pakalpojumu sniedzēju – ievadīšanai darbā"
        ),
        "title_en": "Guideline for onboarding external partners who deliver services",
        "summary_lv": (
            "Vadlīnijas palīdz pakalpojuma vadītājam sagatavot partneri – citu "
            "iestādi, kompetenču centru, uzņēmumu, nevalstisko organizāciju vai "
            "fizisku personu – pakalpojuma sniegšanai iestādes vārdā tādā pašā "
            "kvalitātē, kādā to sniedz iestādes darbinieki."
        ),
        "summary_en": (
            "The guideline helps the service manager prepare a partner – another "
            "institution, a competence centre, an enterprise, an NGO or a natural "
            "person – to deliver a service on the institution's behalf to the same "
            "quality as the institution's own staff."
        ),
        "body_lv": [
            (
                "p",
                (
                    "Kad pakalpojumu iestādes vārdā sniedz partneris, saņēmējam nav "
                    "jājūt atšķirība: pakalpojuma rezultātam, procesam un līmenim "
                    "jābūt tādam pašam kā tad, ja to sniegtu iestāde pati. To var "
                    "panākt tikai tad, ja partneris saņem tādu pašu metodisko atbalstu "
                    "kā iestādes darbinieki un sadarbības noteikumi ir skaidri abām "
                    "pusēm."
                ),
            ),
            ("h2", "Pirms sadarbības uzsākšanas"),
            (
                "ul",
                [
                    (
                        "Sadarbības līgumā ar partneri iekļaujiet pakalpojuma līmeņa "
                        "nosacījumus, darbības rādītājus un to mērīšanas kārtību."
                    ),
                    (
                        "Nosakiet partnera kontaktpersonu un katru partnera "
                        "darbinieku, kas piedalīsies pakalpojuma sniegšanā, "
                        "reģistrējiet kā iesaistīto personu."
                    ),
                    (
                        "Piešķiriet tikai tās piekļuves tiesības informācijas "
                        "sistēmām, kas nepieciešamas pakalpojuma sniegšanai, un "
                        "vienojieties par personas datu aizsardzības pienākumiem."
                    ),
                    (
                        "Nododiet partnerim pakalpojuma aprakstu, procesa aprakstu, "
                        "instrukcijas un dokumentu veidnes."
                    ),
                ],
            ),
            ("h2", "Ievadīšana darbā"),
            (
                "p",
                (
                    "Pirmā mēneša laikā partnera darbiniekiem jāapgūst pakalpojumam "
                    "noteiktās obligātās kompetences un jāiepazīstas ar saistītajiem "
                    "metodiskajiem materiāliem, apliecinot to sistēmā. Pakalpojuma "
                    "vadītājs rīko ievadkonsultāciju, kurā izskaidro sniegšanas "
                    "procesu, biežākās saņēmēju situācijas, sūdzību izskatīšanas "
                    "kārtību un to, pie kā vērsties ar jautājumiem. Ja partneris lieto "
                    "iestādes resursus, piemēram, pieteikumu vadības sistēmu, resursa "
                    "vadītājs nodrošina to lietošanas apmācību."
                ),
            ),
            ("h2", "Sadarbības uzturēšana"),
            (
                "p",
                (
                    "Reizi ceturksnī pakalpojuma vadītājs kopā ar partneri izvērtē "
                    "darbības rādītājus, sūdzības un ierosinājumus un vienojas par "
                    "uzlabojumiem. Par izmaiņām pakalpojumā, normatīvajos aktos vai "
                    "instrukcijās partneri informē vienlaikus ar iestādes "
                    "darbiniekiem. Kad sadarbība beidzas, partnera darbinieku "
                    "piekļuves tiesības slēdz un uzskaitē norāda viņu iesaistes beigu "
                    "datumu. Partnera darbinieku kompetences pakalpojuma vadītājs "
                    "pārskata kopā ar iestādes darbinieku kompetencēm, nešķirojot "
                    "iesaistītos pēc piederības."
                ),
            ),
        ],
        "body_en": [
            (
                "p",
                (
                    "When a partner delivers a service on the institution's behalf, "
                    "the recipient should notice no difference: the result, process "
                    "and level of the service must be the same as if the institution "
                    "delivered it itself. This is only possible if the partner "
                    "receives the same methodological support as the institution's "
                    "staff and the terms of cooperation are clear to both sides."
                ),
            ),
            ("h2", "Before cooperation begins"),
            (
                "ul",
                [
                    (
                        "Include the service-level terms, the performance indicators "
                        "and how they are measured in the cooperation agreement with "
                        "the partner."
                    ),
                    (
                        "Name the partner's contact person and record every member of "
                        "the partner's staff who will take part in delivering the "
                        "service as an involved person."
                    ),
                    (
                        "Grant only the access rights to information systems that are "
                        "needed to deliver the service, and agree on personal-data "
                        "protection obligations."
                    ),
                    (
                        "Hand over the service description, the process description, "
                        "instructions and document templates to the partner."
                    ),
                ],
            ),
            ("h2", "Onboarding"),
            (
                "p",
                (
                    "Within the first month, the partner's staff must acquire the "
                    "mandatory competences set for the service and read the related "
                    "methodological materials, confirming this in the system. The "
                    "service manager holds an introductory consultation explaining the "
                    "delivery process, the most common recipient situations, the "
                    "complaints procedure and whom to contact with questions. If the "
                    "partner uses the institution's resources, such as the request "
                    "management system, the resource manager provides training in "
                    "their use."
                ),
            ),
            ("h2", "Maintaining cooperation"),
            (
                "p",
                (
                    "Once a quarter the service manager and the partner review the "
                    "performance indicators, complaints and suggestions and agree on "
                    "improvements. The partner is informed of changes to the service, "
                    "the legislation or the instructions at the same time as the "
                    "institution's staff. When cooperation ends, the access rights of "
                    "the partner's staff are revoked and the end date of their "
                    "involvement is recorded. The service manager reviews the "
                    "competences of the partner's staff together with those of the "
                    "institution's own staff, making no distinction between them."
                ),
            ),
        ],
        "competences": ["K12", "K03", "K16"],
        "tasks": ["PU2-10", "PU2-12", "PU2-9"],
        "conditions": ["N4-2", "N8-2", "N10-1"],
        "services": ["PAK-1002", "PAK-1003", "PAK-1005"],
    },
]

# --- Sanity checks (run on import) --------------------------------------------

_KINDS = {
    "state_institution",
    "unit",
    "municipality",
    "competence_centre",
    "enterprise",
    "ngo",
    "natural_person",
}
_GROUPS = {"Learner", "Training coordinator", "Manager", "Content editor"}
_MATERIAL_KINDS = {"guideline", "process", "instruction"}
_COMPETENCES = {f"K{n:02d}" for n in range(1, 17)}
_TASKS = (
    {f"PU1-{n}" for n in range(1, 6)}
    | {f"PU2-{n}" for n in range(1, 24)}
    | {f"PU3-{n}" for n in range(1, 5)}
)
_CONDITIONS = {
    f"N{group}-{n}"
    for group, count in {
        1: 5,
        2: 2,
        3: 4,
        4: 2,
        5: 2,
        6: 2,
        7: 3,
        8: 2,
        9: 1,
        10: 1,
    }.items()
    for n in range(1, count + 1)
}


def _check_blocks(blocks, where):
    assert 4 <= len(blocks) <= 7, f"{where}: {len(blocks)} blocks"
    for kind, content in blocks:
        assert kind in {"h2", "p", "ul"}, f"{where}: block kind {kind!r}"
        items = content if kind == "ul" else [content]
        assert items and all(isinstance(i, str) and i.strip() for i in items), where


def _check_bilingual(entry, where):
    lv, en = entry["body_lv"], entry["body_en"]
    _check_blocks(lv, f"{where} body_lv")
    _check_blocks(en, f"{where} body_en")
    # The English text mirrors the Latvian one block for block.
    shape_lv = [(k, len(c) if k == "ul" else 1) for k, c in lv]
    shape_en = [(k, len(c) if k == "ul" else 1) for k, c in en]
    assert shape_lv == shape_en, f"{where}: LV and EN bodies differ in shape"
    for field in ("title_lv", "title_en", "summary_lv", "summary_en"):
        assert entry[field].strip(), f"{where}: empty {field}"
    assert set(entry["competences"]) <= _COMPETENCES, where
    assert set(entry["tasks"]) <= _TASKS, where
    assert set(entry["conditions"]) <= _CONDITIONS, where


def _check():
    from datetime import date

    orgs = {o[0]: o for o in ORGANISATIONS}
    assert len(orgs) == len(ORGANISATIONS), "duplicate organisation codes"
    for code, name_lv, name_en, kind, parent in ORGANISATIONS:
        assert len(code) == 11 and code.isdigit(), code
        assert kind in _KINDS, (code, kind)
        assert name_lv and name_en, code
        assert parent is None or parent in orgs, (code, parent)

    def institution_of(code):
        """The service-owning institution above (or at) an organisation."""
        while orgs[code][4] is not None and orgs[orgs[code][4]][4] is not None:
            code = orgs[code][4]
        return code if orgs[code][4] is not None else None

    ministries = [
        o[0] for o in ORGANISATIONS if o[3] == "state_institution" and o[4] is None
    ]
    assert len(ministries) == 1, ministries
    institutions = [o[0] for o in ORGANISATIONS if o[4] == ministries[0]]
    assert len(institutions) == 2, institutions
    first_institution = institutions[0]
    partner_kinds = [
        o[3] for o in ORGANISATIONS if o[4] is None and o[0] not in ministries
    ]
    assert sorted(partner_kinds) == ["competence_centre", "enterprise", "ngo"]

    people = {p[0]: p for p in PEOPLE}
    assert len(people) == len(PEOPLE), "duplicate e-mail addresses"
    for email, first, last, org, job, language in PEOPLE:
        assert email == email.lower() and email.isascii(), email
        domain = email.split("@")[1]
        assert domain.endswith((".example.lv", ".example.com")), email
        assert first and last and job, email
        assert org in orgs, (email, org)
        assert language in {"lv", "en"}, (email, language)
    for code in orgs:
        if orgs[code][4] is None and code not in ministries:
            members = [p for p in PEOPLE if p[3] == code]
            assert len(members) >= 4, f"partner {code} has {len(members)} people"

    services = {s[0]: s for s in SERVICES}
    resources = {r[0]: r for r in RESOURCES}
    assert len(services) == len(SERVICES), "duplicate service codes"
    assert len(resources) == len(RESOURCES), "duplicate resource codes"
    assert not set(services) & set(resources)
    for code, name_lv, name_en, owner, manager in SERVICES + RESOURCES:
        assert name_lv and name_en, code
        assert owner in institutions, (code, owner)
        assert manager in people, (code, manager)
        assert institution_of(people[manager][3]) == owner, (code, manager)

    seen = set()
    for email, service, resource, start, end in INVOLVEMENTS:
        assert email in people, email
        assert (service is None) != (resource is None), (email, service, resource)
        assert service is None or service in services, service
        assert resource is None or resource in resources, resource
        start_date = date.fromisoformat(start)
        assert end is None or date.fromisoformat(end) >= start_date, (email, end)
        key = (email, service or resource, start)
        assert key not in seen, key
        seen.add(key)
    for code, *_rest, owner, _manager in SERVICES:
        involved = [i[0] for i in INVOLVEMENTS if i[1] == code]
        assert any(institution_of(people[e][3]) == owner for e in involved), code

    scopes = {
        "service_portfolio_manager": set(institutions),
        "resource_portfolio_manager": set(institutions),
        "service_manager": set(services),
        "resource_manager": set(resources),
    }
    for email, role, scope in ROLE_ASSIGNMENTS:
        assert email in people, email
        assert role in scopes, role
        assert scope in scopes[role], (email, role, scope)
    for role in _ALL_ROLES:
        assert any(r[1] == role for r in ROLE_ASSIGNMENTS), f"nobody holds {role}"
    for institution in institutions:
        for role in ("service_portfolio_manager", "resource_portfolio_manager"):
            assert (role, institution) in {(r[1], r[2]) for r in ROLE_ASSIGNMENTS}
    managers = {
        (r[2], r[0])
        for r in ROLE_ASSIGNMENTS
        if r[1] in {"service_manager", "resource_manager"}
    }
    assert managers == {(e[0], e[4]) for e in SERVICES + RESOURCES}

    accounts = {a[2]: a for a in DEMO_ACCOUNTS}
    assert set(accounts) == _GROUPS and len(DEMO_ACCOUNTS) == len(_GROUPS)
    assert len({a[0] for a in DEMO_ACCOUNTS}) == len(DEMO_ACCOUNTS)
    for email, password, _group, person in DEMO_ACCOUNTS:
        assert person in people, (email, person)
        assert password, email
    for group in ("Manager", "Training coordinator"):
        person = accounts[group][3]
        assert institution_of(people[person][3]) == first_institution, group
    learner = accounts["Learner"][3]
    assert institution_of(people[learner][3]) is None, "learner must be external"
    assert any(
        i[0] == learner
        and i[1]
        and services[i[1]][3] == first_institution
        and i[4] is None
        for i in INVOLVEMENTS
    ), "learner must deliver a service of institution 1"

    codes = [c["code"] for c in COURSES]
    assert len(set(codes)) == len(codes) == 4, codes
    for course in COURSES:
        code = course["code"]
        assert code == code.upper() and code.isascii(), code
        _check_bilingual(course, code)
        assert course["duration_hours"] > 0, code
        assert course["audience"] and set(course["audience"]) <= set(_ALL_ROLES)
    slugs = [m["slug"] for m in MATERIALS]
    assert len(set(slugs)) == len(slugs) == 4, slugs
    for material in MATERIALS:
        slug = material["slug"]
        assert slug.isascii() and slug == slug.lower(), slug
        assert material["kind"] in _MATERIAL_KINDS, slug
        _check_bilingual(material, slug)
        assert set(material["services"]) <= set(services), slug


_check()

if __name__ == "__main__":
    print(
        f"OK: {len(ORGANISATIONS)} organisations, {len(PEOPLE)} people, "
        f"{len(SERVICES)} services, {len(RESOURCES)} resources, "
        f"{len(INVOLVEMENTS)} involvements, {len(ROLE_ASSIGNMENTS)} role "
        f"assignments, {len(DEMO_ACCOUNTS)} accounts, {len(COURSES)} courses, "
        f"{len(MATERIALS)} materials"
    )
