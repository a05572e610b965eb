"""Demo privacy notice, accessibility statement and footer (LV and EN).

Kept apart from demo_data.py on purpose: it is self-contained, so it can move
with the rest of the demo texts into files without touching anything else.
"""

import datetime

from wagtail.models import Site

from courses import services
from courses.models import (
    AccessibilityStatementPage,
    ContentPage,
    FooterSettings,
    HomePage,
)
from courses.services import Translated

INSTITUTION_LV = "Pakalpojumu attīstības ministrija"
INSTITUTION_EN = "Ministry of Service Development"
ADDRESS_LV = "Pakalpojumu iela 1, Rīga, LV-1010"
ADDRESS_EN = "Pakalpojumu iela 1, Riga, LV-1010, Latvia"
PHONE = "+371 67 000 000"
EMAIL = "atbalsts@pam.example.lv"

PRIVACY_LV = f"""
<h2>Pārzinis</h2>
<p>Personas datu apstrādes pārzinis ir {INSTITUTION_LV}, {ADDRESS_LV},
tālrunis {PHONE}, e-pasts {EMAIL}. Ar datu aizsardzības speciālistu var
sazināties, rakstot uz das@pam.example.lv.</p>
<h2>Kādus datus apstrādājam un kāpēc</h2>
<ul>
<li>Vārdu, uzvārdu, e-pasta adresi, iestādi un amatu – lai izveidotu un uzturētu
jūsu kontu un nosūtītu uzaicinājumu.</li>
<li>Ziņas par jūsu iesaisti pakalpojumos un atbildīgajās lomās – lai piedāvātu
jums atbilstošu metodisko atbalstu un mācības.</li>
<li>Pieslēgšanās žurnālus – lai aizsargātu portālu pret nesankcionētu piekļuvi.</li>
</ul>
<h2>Tiesiskais pamats</h2>
<p>Dati tiek apstrādāti, lai izpildītu iestādei noteikto uzdevumu sniegt
metodisko atbalstu pakalpojumu sniedzējiem (Vispārīgās datu aizsardzības regulas
6. panta 1. punkta e) apakšpunkts).</p>
<h2>Glabāšana un saņēmēji</h2>
<p>Konta datus glabājam, kamēr esat iesaistīts pakalpojumu sniegšanā, un vienu
gadu pēc tam. Pieslēgšanās žurnālus glabājam sešus mēnešus. Datus nenododam
trešajām personām, izņemot gadījumus, kad to paredz normatīvie akti.</p>
<h2>Jūsu tiesības</h2>
<p>Jums ir tiesības piekļūt saviem datiem, prasīt to labošanu vai apstrādes
ierobežošanu un iebilst pret apstrādi. Ja uzskatāt, ka jūsu tiesības ir
pārkāptas, varat iesniegt sūdzību Datu valsts inspekcijai (Elijas iela 17,
Rīga, LV-1050, www.dvi.gov.lv).</p>
"""

PRIVACY_EN = f"""
<h2>Controller</h2>
<p>The controller of personal data is the {INSTITUTION_EN}, {ADDRESS_EN},
phone {PHONE}, e-mail {EMAIL}. You can reach the data protection officer at
das@pam.example.lv.</p>
<h2>What data we process and why</h2>
<ul>
<li>Your name, e-mail address, organisation and job title – to create and keep
your account and to send you an invitation.</li>
<li>Your involvement in services and your responsible roles – to offer you the
methodological support and training that fit them.</li>
<li>Login records – to protect the portal against unauthorised access.</li>
</ul>
<h2>Legal basis</h2>
<p>The data are processed to perform the institution's task of giving
methodological support to service providers (Article 6(1)(e) of the General
Data Protection Regulation).</p>
<h2>Retention and recipients</h2>
<p>We keep account data while you are involved in delivering services and for
one year afterwards, and login records for six months. We do not pass data to
third parties unless the law requires it.</p>
<h2>Your rights</h2>
<p>You have the right to access your data, to have them corrected or their
processing restricted, and to object to processing. If you believe your rights
have been infringed, you may complain to the Data State Inspectorate (Elijas
iela 17, Riga, LV-1050, www.dvi.gov.lv).</p>
"""

STATEMENT_LV = {
    "non_accessible_content": (
        "<ul><li>Daži metodiskie materiāli PDF formātā nav marķēti ekrāna "
        "lasītājiem (neatbilstība; tos pārveidosim līdz 2027. gada 30. jūnijam). "
        "Pēc pieprasījuma tos nosūtīsim piekļūstamā formātā.</li>"
        "<li>Administrēšanas saskarnes bagātinātā teksta redaktors ne vienmēr "
        "paziņo formatējuma izmaiņas ekrāna lasītājiem (trešās puses "
        "programmatūra).</li></ul>"
    ),
    "preparation_method": (
        "<p>Paziņojums sagatavots pēc iestādes veiktā pašnovērtējuma: lapas "
        "pārbaudītas ar automātisko rīku axe-core, ar tastatūru un ar ekrāna "
        "lasītāju NVDA.</p>"
    ),
    "feedback_contact": (
        f"<p>Ja pamanāt piekļūstamības trūkumus vai jums vajadzīgs saturs citā "
        f"formātā, rakstiet uz {EMAIL} vai zvaniet {PHONE} darbdienās no 9.00 "
        f"līdz 17.00. Atbildēsim 10 darbdienu laikā.</p>"
    ),
    "enforcement": (
        "<p>Ja atbilde jūs neapmierina, varat vērsties Valsts reģionālās "
        "attīstības aģentūrā, kas uzrauga tīmekļvietņu piekļūstamību (Elijas "
        "iela 17, Rīga, LV-1050, pasts@vraa.gov.lv). Par diskrimināciju varat "
        "ziņot arī Tiesībsarga birojam.</p>"
    ),
}

STATEMENT_EN = {
    "non_accessible_content": (
        "<ul><li>Some methodological materials in PDF are not tagged for screen "
        "readers (non-compliance; we will convert them by 30 June 2027). On "
        "request we send them in an accessible format.</li>"
        "<li>The administration's rich-text editor does not always announce "
        "formatting changes to screen readers (third-party software).</li></ul>"
    ),
    "preparation_method": (
        "<p>This statement was prepared from the institution's self-assessment: "
        "pages were checked with the automated tool axe-core, with the keyboard "
        "and with the NVDA screen reader.</p>"
    ),
    "feedback_contact": (
        f"<p>If you notice an accessibility problem or need content in another "
        f"format, write to {EMAIL} or call {PHONE} on working days from 9:00 to "
        f"17:00. We answer within 10 working days.</p>"
    ),
    "enforcement": (
        "<p>If our answer does not satisfy you, you may turn to the State "
        "Regional Development Agency, which monitors the accessibility of "
        "websites (Elijas iela 17, Riga, LV-1050, pasts@vraa.gov.lv). "
        "Discrimination can also be reported to the Ombudsman's Office.</p>"
    ),
}


def load(*, home: HomePage) -> None:
    """Publish both pages in LV and EN and point the default site's footer at them."""
    privacy = services.info_page_ensure(
        home=home,
        model=ContentPage,
        slug="privatuma-politika",
        title=Translated("Privātuma politika", "Privacy notice"),
        fields_lv={"body": PRIVACY_LV.strip()},
        fields_en={"body": PRIVACY_EN.strip()},
    )
    dates = {
        "prepared_on": datetime.date(2026, 1, 2),
        "reviewed_on": datetime.date(2026, 6, 30),
        "conformance_status": "partial",
    }
    statement = services.info_page_ensure(
        home=home,
        model=AccessibilityStatementPage,
        slug="pieklustamibas-pazinojums",
        title=Translated("Piekļūstamības paziņojums", "Accessibility statement"),
        fields_lv={**dates, **STATEMENT_LV},
        fields_en=STATEMENT_EN,
    )
    site = Site.objects.get(is_default_site=True)
    if FooterSettings.objects.filter(site=site).exists():
        return  # the editors' footer stays as they left it
    services.footer_settings_update(
        site=site,
        institution_name_lv=INSTITUTION_LV,
        institution_name_en=INSTITUTION_EN,
        address_lv=ADDRESS_LV,
        address_en=ADDRESS_EN,
        phone=PHONE,
        email=EMAIL,
        privacy_page=privacy,
        accessibility_page=statement,
    )
