"""The three demo cases: the example family of the paper tool and two where views differ."""

from datetime import date

from rondom.career.models import PeriodKind
from rondom.cases.models import Role
from rondom.timeline.kinds import CardKind as K
from rondom.timeline.kinds import Domain, HomeAspect, Rating

from .builder import CaseBuilder

PAPER_CASE = "Familie El Amrani"
SPLIT_VIEWS_CASE = "Familie de Vries"
HOME_SITTER_CASE = "Familie Öztürk"
ANONYMOUS_CASE = "Casus Zonnebloem"
DEMO_CASES = (PAPER_CASE, SPLIT_VIEWS_CASE, HOME_SITTER_CASE, ANONYMOUS_CASE)


def build_paper_case(users) -> None:
    """The worked example of the paper tool: a child born on 3 October 2012."""
    b = CaseBuilder(PAPER_CASE, users["ib"], "Inge Bakker", "intern begeleider")
    child = b.child("Yassin", date(2012, 10, 3))
    o = b.person("Samira El Amrani", Role.PARENTS, users["mother"])
    s = b.manager
    j = b.person(
        "Jeroen Visser", Role.YOUTH_CARE, users["youth_care"], "Jeugdteam Centrum", "gezinscoach"
    )
    b.name_with_consent()
    b.period(
        child,
        PeriodKind.PLAYGROUP,
        "Peuterspeelzaal Het Kompas",
        "september 2014",
        "juli 2016",
        "peuter peuter",
    )
    b.period(
        child,
        PeriodKind.SCHOOL,
        "Basisschool De Vlieger",
        "oktober 2016",
        "juli 2024",
        "1 2 3 4 5 6 7 8",
    )
    b.period(child, PeriodKind.OUT_OF_SCHOOL, "Thuisonderwijs (covid)", "16-3-2020", "8-6-2020")
    b.period(child, PeriodKind.SECONDARY, "Da Vinci College", "augustus 2024")

    b.card(K.LIFE_EVENT, o, "30-3-2015", "Broertje geboren", child)
    b.card(K.LIFE_EVENT, o, "12-6-2018", "Tweelingzusjes geboren", child)
    b.card(
        K.LIFE_EVENT,
        o,
        "",
        "Covid: school dicht, les thuis. Zwaar voor moeder met vier kinderen.",
        child,
    )
    b.card(K.LIFE_EVENT, o, "2022", "Gaan inwonen bij oma", child)
    b.card(K.HOME, s, "2018", "Oudste van vier kinderen", None, aspect=HomeAspect.COMPOSITION)
    b.card(
        K.HOME, s, "2018", "De woning heeft maar twee slaapkamers", None, aspect=HomeAspect.HOUSING
    )
    b.card(
        K.HOME,
        o,
        "2016",
        "Moeder voedt alleen op; vader woont in het buitenland",
        None,
        aspect=HomeAspect.PARENTING,
    )

    b.card(
        K.DEVELOPMENT,
        o,
        "peutergroep",
        "Vrolijk en nieuwsgierig",
        child,
        text_less_well="Druk, beweeglijk, huilt veel",
    )
    b.card(
        K.DEVELOPMENT,
        s,
        "groep 1/2",
        "Speelt graag buiten",
        child,
        text_less_well="Veel driftbuien, maakt spullen kapot, moeilijk te kalmeren",
        domain=Domain.SOCIAL_EMOTIONAL,
    )
    b.card(
        K.DEVELOPMENT,
        s,
        "groep 4",
        "Doet zijn best bij rekenen",
        child,
        text_less_well="Veel ruzie, geen vriendjes; leerproblemen",
        domain=Domain.LEARNING,
    )
    b.card(
        K.DEVELOPMENT,
        o,
        "groep 5",
        "Vrienden gemaakt in de buurt",
        child,
        text_less_well="Achterstand groter door thuisonderwijs; thuis veel ruzie",
        domain=Domain.LEARNING,
    )
    b.card(
        K.DEVELOPMENT,
        s,
        "groep 7",
        "Rustiger bij oma en in de klas",
        child,
        text_less_well="Niveau blijft achter",
        domain=Domain.LEARNING,
    )

    b.card(
        K.HELP,
        o,
        "2016",
        "Opvoedondersteuning voor de ouders",
        None,
        provider="Jeugdteam",
        rating=Rating.NEUTRAL,
        domain=Domain.PARENTING,
    )
    b.card(
        K.HELP,
        s,
        "2018",
        "Observatie door het SBO; tips voor structuur in de klas",
        child,
        provider="SBO De Regenboog",
        rating=Rating.GOOD,
        domain=Domain.LEARNING,
    )
    b.card(
        K.HELP,
        j,
        "2019",
        "Sociale vaardigheidstraining",
        child,
        provider="Jeugdteam Centrum",
        rating=Rating.GOOD,
        domain=Domain.SOCIAL_EMOTIONAL,
    )
    b.card(
        K.HELP,
        o,
        "2021",
        "Opvoedondersteuning voor moeder",
        None,
        provider="Jeugdteam",
        rating=Rating.GOOD,
        domain=Domain.PARENTING,
    )
    b.card(
        K.HELP,
        s,
        "2021",
        "Intelligentieonderzoek (IQ 87)",
        child,
        provider="Schoolbegeleidingsdienst",
        rating=Rating.NEUTRAL,
        domain=Domain.LEARNING,
    )

    b.card(
        K.COLLABORATION,
        o,
        "2019",
        "Pas laat gehoord over de leerproblemen; de opvoedondersteuner had weinig tijd",
        child,
        with_whom="school en jeugdteam",
        rating=Rating.NOT_GOOD,
    )
    b.card(
        K.COLLABORATION,
        o,
        "2019",
        "School heel betrokken; fijne terugkoppeling over de training",
        child,
        with_whom="school",
        rating=Rating.GOOD,
    )
    b.card(
        K.COLLABORATION,
        s,
        "2018",
        "Prettig samengewerkt met het SBO",
        child,
        with_whom="SBO De Regenboog",
        rating=Rating.GOOD,
    )


def build_split_views_case(users) -> None:
    """Separated parents who remember and rate things differently from each other and the school."""
    b = CaseBuilder(SPLIT_VIEWS_CASE, users["ib"], "Inge Bakker", "intern begeleider")
    child = b.child("Noor", date(2016, 5, 14))
    m = b.person("Anouk de Vries", Role.MOTHER)
    v = b.person("Ruben de Vries", Role.FATHER)
    s = b.person(
        "Lotte de Boer",
        Role.SCHOOL,
        users["teacher"],
        "Basisschool De Vlieger",
        "leerkracht groep 6",
    )
    j = b.person(
        "Jeroen Visser", Role.YOUTH_CARE, users["youth_care"], "Jeugdteam Centrum", "gezinscoach"
    )
    b.name_with_consent()
    b.period(child, PeriodKind.CHILDCARE, "Kinderdagverblijf De Boomhut", "2017", "mei 2020")
    b.period(child, PeriodKind.SCHOOL, "Basisschool De Vlieger", "juni 2020", "", "1 2 3 4 4 5 6")

    divorce_m = b.card(K.LIFE_EVENT, m, "herfst 2020", "Scheiding van de ouders", child)
    divorce_v = b.card(K.LIFE_EVENT, v, "2019", "Scheiding; ik ben toen uit huis gegaan", child)
    b.link(divorce_m, divorce_v)
    b.card(K.LIFE_EVENT, m, "maart 2023", "Verhuisd naar een kleinere woning", child)
    b.card(
        K.HOME,
        m,
        "2021",
        "Noor woont doordeweeks bij moeder, om het weekend bij vader",
        None,
        aspect=HomeAspect.COMPOSITION,
    )
    b.card(
        K.DEVELOPMENT,
        s,
        "groep 4",
        "Leest goed",
        child,
        text_less_well="Trekt zich terug, huilt vaak in de klas",
        domain=Domain.SOCIAL_EMOTIONAL,
    )
    b.card(K.DEVELOPMENT, m, "groep 4", "Thuis vrolijk", child, text_less_well="Slaapt slecht")
    b.card(K.WELLBEING, v, "2023", "Noor zegt dat ze het weekend bij mij fijn vindt", child)
    therapy_m = b.card(
        K.HELP,
        m,
        "2022-2023",
        "Speltherapie",
        child,
        provider="Praktijk Speelruimte",
        rating=Rating.GOOD,
        domain=Domain.SOCIAL_EMOTIONAL,
    )
    therapy_s = b.card(
        K.HELP,
        s,
        "schooljaar 2022/2023",
        "Speltherapie; we merkten er weinig van in de klas",
        child,
        provider="Praktijk Speelruimte",
        rating=Rating.NOT_GOOD,
        domain=Domain.SOCIAL_EMOTIONAL,
    )
    b.link(therapy_m, therapy_s)
    b.card(
        K.HELP,
        j,
        "2024 - nu",
        "Begeleiding bij de scheiding (KIES)",
        None,
        provider="Jeugdteam Centrum",
        rating=Rating.NEUTRAL,
        domain=Domain.PARENTING,
    )
    b.card(
        K.COLLABORATION,
        v,
        "2023",
        "Ik hoor alles als laatste van school",
        child,
        with_whom="school",
        rating=Rating.NOT_GOOD,
    )
    b.card(
        K.COLLABORATION,
        s,
        "2023",
        "Beide ouders krijgen dezelfde mail",
        child,
        with_whom="beide ouders",
        rating=Rating.GOOD,
    )
    b.card(K.POLICY, j, "2024", "Wachtlijst van vijf maanden voor specialistische hulp", None)


def build_home_sitter_case(users) -> None:
    """Two children; the older one sat at home for months while a place was sought."""
    b = CaseBuilder(HOME_SITTER_CASE, users["ib"], "Inge Bakker", "intern begeleider")
    emre = b.child("Emre", date(2014, 1, 20))
    elif_ = b.child("Elif", date(2017, 9, 2))
    v = b.person("Mehmet Öztürk", Role.FATHER, users["father"])
    j = b.person(
        "Jeroen Visser", Role.YOUTH_CARE, users["youth_care"], "Jeugdteam Centrum", "gezinscoach"
    )
    s = b.manager
    b.name_with_consent()
    b.period(
        emre,
        PeriodKind.SCHOOL,
        "Basisschool De Vlieger",
        "februari 2018",
        "december 2022",
        "1 2 3 4 5 6",
    )
    b.period(emre, PeriodKind.OUT_OF_SCHOOL, "Thuiszitten", "januari 2023", "oktober 2023")
    b.period(emre, PeriodKind.SPECIAL, "SBO De Regenboog", "november 2023", "", "6 7 8")
    b.period(
        elif_, PeriodKind.SCHOOL, "Basisschool De Vlieger", "september 2021", "", "1 2 3 4 5 6"
    )

    b.card(K.LIFE_EVENT, v, "zomer 2021", "Opa overleden", None)
    b.card(K.LIFE_EVENT, v, "", "Moeder lange tijd ziek", None)
    b.card(
        K.DEVELOPMENT,
        s,
        "groep 5",
        "Sterk in rekenen",
        emre,
        text_less_well="Loopt weg uit de klas; veel conflicten",
        domain=Domain.SOCIAL_EMOTIONAL,
    )
    b.card(K.DEVELOPMENT, s, "groep 3", "Leert snel lezen", elif_)
    b.card(K.WELLBEING, v, "2023", "Emre slaapt slecht en zit veel te gamen", emre)
    b.card(
        K.HELP,
        j,
        "sinds maart 2023",
        "Ambulante gezinsbegeleiding",
        None,
        provider="Jeugdteam Centrum",
        rating=Rating.GOOD,
        domain=Domain.PARENTING,
    )
    b.card(
        K.HELP,
        v,
        "sinds maart 2023",
        "Gezinsbegeleiding: komt te weinig",
        None,
        provider="Jeugdteam Centrum",
        rating=Rating.NOT_GOOD,
        domain=Domain.PARENTING,
    )
    b.card(
        K.COLLABORATION,
        s,
        "herfst 2023",
        "Samen met ouders een passende plek gevonden",
        emre,
        with_whom="vader en samenwerkingsverband",
        rating=Rating.NEUTRAL,
    )
    b.card(
        K.COLLABORATION,
        v,
        "2023",
        "Maanden zonder school; niemand voelde zich verantwoordelijk",
        emre,
        with_whom="school en samenwerkingsverband",
        rating=Rating.NOT_GOOD,
    )
    b.card(
        K.POLICY, s, "2023", "Geen plek in het SBO tot er een toelaatbaarheidsverklaring was", emre
    )


def build_anonymous_case(users) -> None:
    """No consent yet: discussed without names, as the research did."""
    b = CaseBuilder(ANONYMOUS_CASE, users["ib"], "IB", "intern begeleider")
    child = b.child("Zonnebloem", date(2015, 4, 1))
    ouder = b.person("Ouder", Role.PARENTS)
    j = b.person("Gezinscoach", Role.YOUTH_CARE, users["youth_care"], "Jeugdteam", "gezinscoach")
    s = b.manager
    b.period(child, PeriodKind.SCHOOL, "Basisschool", "augustus 2019", "", "1 2 3 4 5 6 7")
    b.card(K.LIFE_EVENT, ouder, "2020", "Verhuizing naar een andere wijk", child)
    b.card(K.DEVELOPMENT, s, "groep 5", "Goed in taal", child, text_less_well="Veel afwezig")
    b.card(K.HELP, j, "sinds 2024", "Gezinsbegeleiding", None, rating=Rating.NEUTRAL)
    b.card(K.POLICY, s, "2024", "Geen passend aanbod in de wijk voor naschoolse opvang", None)
