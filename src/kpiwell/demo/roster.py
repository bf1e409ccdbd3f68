"""Who is who in Sen Vàng Retail & Services: teams, people, objectives and KPI definitions.

A home-appliance retailer in Ho Chi Minh City: two stores and an online channel (Retail), and
customer care, delivery and installation, and repair (Services). The roster is fixed so that the
demo logins and the planted people are the same for every seed; only start dates move with
``as_of``. Vietnamese names are written family name first, with diacritics.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from kpiwell.demo.model import DemoKpi, DemoObjective, DemoPerson, DemoTeam, Direction, Kind, Language

ORGANISATION_NAME: Final = "Sen Vàng Retail & Services"
EMAIL_DOMAIN: Final = "senvang.example"  # reserved TLD: the demo never mails a real address

HEAD_OFFICE: Final = "head-office"
RETAIL: Final = "retail"
SERVICES: Final = "services"
STORE_D1: Final = "store-d1"
STORE_TD: Final = "store-td"
ONLINE: Final = "online"
CARE: Final = "care"
DELIVERY: Final = "delivery"
REPAIR: Final = "repair"

OPERATIONAL_TEAMS: Final = (STORE_D1, STORE_TD, ONLINE, CARE, DELIVERY, REPAIR)

TEAMS: Final = (
    DemoTeam(key=HEAD_OFFICE, name="Head Office", name_vi="Văn phòng điều hành", parent_key=None),
    DemoTeam(key=RETAIL, name="Retail", name_vi="Khối Bán lẻ", parent_key=HEAD_OFFICE),
    DemoTeam(key=SERVICES, name="Services", name_vi="Khối Dịch vụ", parent_key=HEAD_OFFICE),
    DemoTeam(key=STORE_D1, name="Store District 1", name_vi="Cửa hàng Quận 1", parent_key=RETAIL),
    DemoTeam(key=STORE_TD, name="Store Thủ Đức", name_vi="Cửa hàng Thủ Đức", parent_key=RETAIL),
    DemoTeam(
        key=ONLINE,
        name="E-commerce & Live Sales",
        name_vi="Thương mại điện tử & Livestream",
        parent_key=RETAIL,
    ),
    DemoTeam(key=CARE, name="Customer Care", name_vi="Chăm sóc khách hàng", parent_key=SERVICES),
    DemoTeam(
        key=DELIVERY, name="Delivery & Installation", name_vi="Giao hàng & Lắp đặt", parent_key=SERVICES
    ),
    DemoTeam(key=REPAIR, name="Appliance Repair", name_vi="Sửa chữa thiết bị", parent_key=SERVICES),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonSpec:
    key: str
    full_name: str
    team_key: str
    manager_key: str | None
    job_title: str
    tenure_days: int
    language: Language = "vi"
    is_hr: bool = False
    is_admin: bool = False


def _years(years: float) -> int:
    return round(years * 365.25)


PEOPLE: Final = (
    # Head office and division heads: they own KPIs and coach, but carry no weekly KPI themselves.
    PersonSpec(
        key="E001",
        full_name="Phạm Minh Đức",
        team_key=HEAD_OFFICE,
        manager_key=None,
        job_title="Chief Executive Officer",
        tenure_days=_years(9.2),
        is_admin=True,
    ),
    PersonSpec(
        key="E002",
        full_name="Nguyễn Thị Lan",
        team_key=HEAD_OFFICE,
        manager_key="E001",
        job_title="Head of People & Culture",
        tenure_days=_years(6.1),
        is_hr=True,
    ),
    PersonSpec(
        key="E003",
        full_name="Lê Thu Hà",
        team_key=HEAD_OFFICE,
        manager_key="E002",
        job_title="HR & Wellbeing Specialist",
        tenure_days=_years(2.8),
        is_hr=True,
    ),
    PersonSpec(
        key="E004",
        full_name="Daniel Carter",
        team_key=HEAD_OFFICE,
        manager_key="E001",
        job_title="IT Administrator",
        tenure_days=_years(2.3),
        language="en",
        is_admin=True,
    ),
    PersonSpec(
        key="E005",
        full_name="Trần Quốc Bảo",
        team_key=RETAIL,
        manager_key="E001",
        job_title="Retail Director",
        tenure_days=_years(7.4),
    ),
    PersonSpec(
        key="E006",
        full_name="Sarah Mitchell",
        team_key=SERVICES,
        manager_key="E001",
        job_title="Services Director",
        tenure_days=_years(4.0),
        language="en",
    ),
    # Store District 1: the flagship, one sales target for everyone, set by the manager.
    PersonSpec(
        key="E007",
        full_name="Hoàng Văn Sơn",
        team_key=STORE_D1,
        manager_key="E005",
        job_title="Store Manager",
        tenure_days=_years(5.3),
    ),
    PersonSpec(
        key="E008",
        full_name="Vũ Thị Mai",
        team_key=STORE_D1,
        manager_key="E007",
        job_title="Senior Sales Associate",
        tenure_days=_years(6.0),
    ),
    PersonSpec(
        key="E009",
        full_name="Đặng Quốc Huy",
        team_key=STORE_D1,
        manager_key="E007",
        job_title="Senior Sales Associate",
        tenure_days=_years(4.7),
    ),
    PersonSpec(
        key="E010",
        full_name="Bùi Thanh Tâm",
        team_key=STORE_D1,
        manager_key="E007",
        job_title="Sales Associate",
        tenure_days=_years(3.9),
    ),
    PersonSpec(
        key="E011",
        full_name="Ngô Thị Hồng Nhung",
        team_key=STORE_D1,
        manager_key="E007",
        job_title="Sales Associate",
        tenure_days=_years(3.2),
    ),
    PersonSpec(
        key="E012",
        full_name="Phan Minh Khoa",
        team_key=STORE_D1,
        manager_key="E007",
        job_title="Sales Associate",
        tenure_days=_years(2.6),
    ),
    PersonSpec(
        key="E013",
        full_name="Trần Văn Hùng",
        team_key=STORE_D1,
        manager_key="E007",
        job_title="Sales Associate",
        tenure_days=_years(2.2),
    ),
    PersonSpec(
        key="E014",
        full_name="Lý Thị Thu Trang",
        team_key=STORE_D1,
        manager_key="E007",
        job_title="Sales Associate",
        tenure_days=_years(1.9),
    ),
    PersonSpec(
        key="E015",
        full_name="Dương Gia Bảo",
        team_key=STORE_D1,
        manager_key="E007",
        job_title="Sales Associate (part-time)",
        tenure_days=_years(1.6),
    ),
    PersonSpec(
        key="E016",
        full_name="Hồ Ngọc Hân",
        team_key=STORE_D1,
        manager_key="E007",
        job_title="Sales Associate (part-time)",
        tenure_days=_years(1.4),
    ),
    PersonSpec(
        key="E017",
        full_name="Võ Thanh Phong",
        team_key=STORE_D1,
        manager_key="E007",
        job_title="Junior Sales Associate",
        tenure_days=_years(1.2),
    ),
    PersonSpec(
        key="E018",
        full_name="Đỗ Thị Ngọc Ánh",
        team_key=STORE_D1,
        manager_key="E007",
        job_title="Junior Sales Associate",
        tenure_days=300,
    ),
    # Store Thủ Đức: a neighbourhood store whose market fell when a new mall opened nearby.
    PersonSpec(
        key="E019",
        full_name="Lê Hoàng Nam",
        team_key=STORE_TD,
        manager_key="E005",
        job_title="Store Manager",
        tenure_days=_years(4.4),
    ),
    PersonSpec(
        key="E020",
        full_name="Nguyễn Thị Thanh Hương",
        team_key=STORE_TD,
        manager_key="E019",
        job_title="Senior Sales Associate",
        tenure_days=_years(5.1),
    ),
    PersonSpec(
        key="E021",
        full_name="Trương Minh Quân",
        team_key=STORE_TD,
        manager_key="E019",
        job_title="Sales Associate",
        tenure_days=_years(3.0),
    ),
    PersonSpec(
        key="E022",
        full_name="Phạm Thị Yến",
        team_key=STORE_TD,
        manager_key="E019",
        job_title="Sales Associate",
        tenure_days=_years(2.4),
    ),
    PersonSpec(
        key="E023",
        full_name="Huỳnh Đức Thịnh",
        team_key=STORE_TD,
        manager_key="E019",
        job_title="Sales Associate",
        tenure_days=_years(2.0),
    ),
    PersonSpec(
        key="E024",
        full_name="Đinh Thị Kim Ngân",
        team_key=STORE_TD,
        manager_key="E019",
        job_title="Sales Associate",
        tenure_days=_years(1.8),
    ),
    PersonSpec(
        key="E025",
        full_name="Mai Văn Lộc",
        team_key=STORE_TD,
        manager_key="E019",
        job_title="Sales Associate",
        tenure_days=_years(1.7),
    ),
    PersonSpec(
        key="E026",
        full_name="Cao Thị Bích Ngọc",
        team_key=STORE_TD,
        manager_key="E019",
        job_title="Sales Associate",
        tenure_days=_years(1.5),
    ),
    PersonSpec(
        key="E027",
        full_name="Tạ Quang Vinh",
        team_key=STORE_TD,
        manager_key="E019",
        job_title="Sales Associate (part-time)",
        tenure_days=_years(1.3),
    ),
    PersonSpec(
        key="E028",
        full_name="Lâm Thị Thủy",
        team_key=STORE_TD,
        manager_key="E019",
        job_title="Sales Associate (part-time)",
        tenure_days=_years(1.1),
    ),
    # E-commerce & Live Sales: numbers only.
    PersonSpec(
        key="E029",
        full_name="Emily Nguyen",
        team_key=ONLINE,
        manager_key="E005",
        job_title="E-commerce Lead",
        tenure_days=_years(3.6),
        language="en",
    ),
    PersonSpec(
        key="E030",
        full_name="Đoàn Minh Tú",
        team_key=ONLINE,
        manager_key="E029",
        job_title="E-commerce Specialist",
        tenure_days=_years(3.1),
    ),
    PersonSpec(
        key="E031",
        full_name="Phan Thị Diễm My",
        team_key=ONLINE,
        manager_key="E029",
        job_title="E-commerce Specialist",
        tenure_days=_years(2.7),
    ),
    PersonSpec(
        key="E032",
        full_name="Nguyễn Hoàng Long",
        team_key=ONLINE,
        manager_key="E029",
        job_title="E-commerce Specialist",
        tenure_days=_years(2.5),
    ),
    PersonSpec(
        key="E033",
        full_name="Trịnh Thị Thu Thảo",
        team_key=ONLINE,
        manager_key="E029",
        job_title="Live-stream Host",
        tenure_days=_years(2.1),
    ),
    PersonSpec(
        key="E034",
        full_name="Hà Minh Trí",
        team_key=ONLINE,
        manager_key="E029",
        job_title="E-commerce Specialist",
        tenure_days=_years(1.9),
    ),
    PersonSpec(
        key="E035",
        full_name="Lưu Quốc Cường",
        team_key=ONLINE,
        manager_key="E029",
        job_title="E-commerce Specialist",
        tenure_days=_years(1.8),
    ),
    PersonSpec(
        key="E036",
        full_name="Chu Thị Oanh",
        team_key=ONLINE,
        manager_key="E029",
        job_title="Live-stream Host",
        tenure_days=_years(1.4),
    ),
    PersonSpec(
        key="E037",
        full_name="Vương Thanh Sang",
        team_key=ONLINE,
        manager_key="E029",
        job_title="E-commerce Specialist",
        tenure_days=_years(1.2),
    ),
    # Customer Care: the healthy control team.
    PersonSpec(
        key="E038",
        full_name="Nguyễn Thị Phương Thảo",
        team_key=CARE,
        manager_key="E006",
        job_title="Customer Care Manager",
        tenure_days=_years(5.6),
    ),
    PersonSpec(
        key="E039",
        full_name="Lê Minh Khang",
        team_key=CARE,
        manager_key="E038",
        job_title="Customer Care Specialist",
        tenure_days=_years(4.2),
    ),
    PersonSpec(
        key="E040",
        full_name="Trần Thị Ngọc Bích",
        team_key=CARE,
        manager_key="E038",
        job_title="Customer Care Specialist",
        tenure_days=_years(3.8),
    ),
    PersonSpec(
        key="E041",
        full_name="David Pham",
        team_key=CARE,
        manager_key="E038",
        job_title="Senior Customer Care Specialist",
        tenure_days=_years(3.5),
        language="en",
    ),
    PersonSpec(
        key="E042",
        full_name="Võ Thị Hạnh",
        team_key=CARE,
        manager_key="E038",
        job_title="Customer Care Specialist",
        tenure_days=_years(3.0),
    ),
    PersonSpec(
        key="E043",
        full_name="Phạm Quang Duy",
        team_key=CARE,
        manager_key="E038",
        job_title="Customer Care Specialist",
        tenure_days=_years(2.6),
    ),
    PersonSpec(
        key="E044",
        full_name="Đặng Thị Thu Uyên",
        team_key=CARE,
        manager_key="E038",
        job_title="Customer Care Specialist",
        tenure_days=_years(2.2),
    ),
    PersonSpec(
        key="E045",
        full_name="Bùi Văn Kiên",
        team_key=CARE,
        manager_key="E038",
        job_title="Customer Care Specialist",
        tenure_days=_years(1.9),
    ),
    PersonSpec(
        key="E046",
        full_name="Hoàng Thị Mỹ Linh",
        team_key=CARE,
        manager_key="E038",
        job_title="Customer Care Specialist",
        tenure_days=_years(1.6),
    ),
    PersonSpec(
        key="E047",
        full_name="Ngô Thanh Bình",
        team_key=CARE,
        manager_key="E038",
        job_title="Customer Care Specialist",
        tenure_days=_years(1.3),
    ),
    # Delivery & Installation: safe self-set targets, a KPI without a purpose, rare 1:1s.
    PersonSpec(
        key="E048",
        full_name="Phạm Văn Tài",
        team_key=DELIVERY,
        manager_key="E006",
        job_title="Delivery & Installation Supervisor",
        tenure_days=_years(6.4),
    ),
    PersonSpec(
        key="E049",
        full_name="Nguyễn Văn Dũng",
        team_key=DELIVERY,
        manager_key="E048",
        job_title="Driver & Installer",
        tenure_days=_years(5.0),
    ),
    PersonSpec(
        key="E050",
        full_name="Trần Quốc Việt",
        team_key=DELIVERY,
        manager_key="E048",
        job_title="Driver & Installer",
        tenure_days=_years(4.1),
    ),
    PersonSpec(
        key="E051",
        full_name="Lê Văn Tuấn",
        team_key=DELIVERY,
        manager_key="E048",
        job_title="Driver & Installer",
        tenure_days=_years(3.3),
    ),
    PersonSpec(
        key="E052",
        full_name="Hồ Văn Hải",
        team_key=DELIVERY,
        manager_key="E048",
        job_title="Driver & Installer",
        tenure_days=_years(2.9),
    ),
    PersonSpec(
        key="E053",
        full_name="Đỗ Minh Nhật",
        team_key=DELIVERY,
        manager_key="E048",
        job_title="Installer",
        tenure_days=_years(2.2),
    ),
    PersonSpec(
        key="E054",
        full_name="Võ Văn Lợi",
        team_key=DELIVERY,
        manager_key="E048",
        job_title="Installer",
        tenure_days=_years(1.7),
    ),
    PersonSpec(
        key="E055",
        full_name="Huỳnh Tấn Phát",
        team_key=DELIVERY,
        manager_key="E048",
        job_title="Driver",
        tenure_days=_years(1.3),
    ),
    PersonSpec(
        key="E056",
        full_name="Phan Văn Thắng",
        team_key=DELIVERY,
        manager_key="E048",
        job_title="Driver & Installer (new hire)",
        tenure_days=95,
    ),
    # Appliance Repair: four people, too few for a survey result of their own.
    PersonSpec(
        key="E057",
        full_name="Nguyễn Đức Anh",
        team_key=REPAIR,
        manager_key="E006",
        job_title="Repair Team Lead",
        tenure_days=_years(7.8),
    ),
    PersonSpec(
        key="E058",
        full_name="Trần Văn Toàn",
        team_key=REPAIR,
        manager_key="E057",
        job_title="Repair Technician",
        tenure_days=_years(4.6),
    ),
    PersonSpec(
        key="E059",
        full_name="Lê Thị Hoa",
        team_key=REPAIR,
        manager_key="E057",
        job_title="Repair Technician",
        tenure_days=_years(2.9),
    ),
    PersonSpec(
        key="E060",
        full_name="Bùi Quang Hưng",
        team_key=REPAIR,
        manager_key="E057",
        job_title="Repair Technician",
        tenure_days=_years(1.5),
    ),
)


def ascii_fold(text: str) -> str:
    """Lowercase ASCII for logins: 'Đỗ Thị Ngọc Ánh' -> 'do thi ngoc anh'."""
    decomposed = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch == " ")).lower()


def username_for(spec: PersonSpec) -> str:
    """given.family in ASCII: Vietnamese names are family first, English names given first."""
    words = ascii_fold(spec.full_name).split()
    given, family = (words[-1], words[0]) if spec.language == "vi" else (words[0], words[-1])
    return f"{given}.{family}"


def build_people(as_of: date) -> tuple[DemoPerson, ...]:
    people = []
    for spec in PEOPLE:
        username = username_for(spec)
        people.append(
            DemoPerson(
                key=spec.key,
                username=username,
                full_name=spec.full_name,
                email=f"{username}@{EMAIL_DOMAIN}",
                team_key=spec.team_key,
                manager_key=spec.manager_key,
                job_title=spec.job_title,
                start_date=as_of - timedelta(days=spec.tenure_days),
                is_hr=spec.is_hr,
                is_admin=spec.is_admin,
                language=spec.language,
            )
        )
    return tuple(people)


OBJECTIVES: Final = (
    DemoObjective(
        key="OBJ-TRUST",
        title="Households trust Sen Vàng for the appliances they live with",
        purpose="People come back, and send their families, when we advise honestly and fix what we sell.",
        team_key=None,
        parent_key=None,
    ),
    DemoObjective(
        key="OBJ-PEOPLE",
        title="A workplace where people grow, are heard and want to stay",
        purpose="Good service comes from people who are coached, recognised and not worn out.",
        team_key=None,
        parent_key=None,
    ),
    DemoObjective(
        key="OBJ-RETAIL",
        title="Help every customer choose the right appliance, in store and online",
        purpose="The right fridge the first time beats an upsell that comes back as a return.",
        team_key=RETAIL,
        parent_key="OBJ-TRUST",
    ),
    DemoObjective(
        key="OBJ-SERVICES",
        title="Installations and repairs done right the first time",
        purpose="A second visit costs the customer a day off work and costs us their trust.",
        team_key=SERVICES,
        parent_key="OBJ-TRUST",
    ),
    DemoObjective(
        key="OBJ-COACHING",
        title="Every manager coaches their team",
        purpose="People grow faster with a manager who listens weekly than with a yearly review.",
        team_key=HEAD_OFFICE,
        parent_key="OBJ-PEOPLE",
    ),
    DemoObjective(
        key="OBJ-STORE-D1",
        title="District 1 flagship: advice customers come back for",
        purpose="Our busiest store sets the standard for the whole chain.",
        team_key=STORE_D1,
        parent_key="OBJ-RETAIL",
    ),
    DemoObjective(
        key="OBJ-STORE-TD",
        title="Thủ Đức: the neighbourhood's appliance store",
        purpose="Families nearby should find what they need without crossing the city.",
        team_key=STORE_TD,
        parent_key="OBJ-RETAIL",
    ),
    DemoObjective(
        key="OBJ-ONLINE",
        title="Online orders that arrive right and fast",
        purpose="Online customers cannot touch the product, so they rely on our speed and honesty.",
        team_key=ONLINE,
        parent_key="OBJ-RETAIL",
    ),
    DemoObjective(
        key="OBJ-CARE",
        title="Every customer question answered well the first time",
        purpose="A customer who has to call twice has already been let down once.",
        team_key=CARE,
        parent_key="OBJ-SERVICES",
    ),
    DemoObjective(
        key="OBJ-DELIVERY",
        title="Appliances delivered on time and installed safely",
        purpose="Delivery day is the moment the customer judges the whole purchase.",
        team_key=DELIVERY,
        parent_key="OBJ-SERVICES",
    ),
    DemoObjective(
        key="OBJ-REPAIR",
        title="Repairs that last",
        purpose="A repair that holds keeps a customer for years.",
        team_key=REPAIR,
        parent_key="OBJ-SERVICES",
    ),
)

RATING_UNIT: Final = "rating (1-5)"


@dataclass(frozen=True, slots=True, kw_only=True)
class KpiSpec:
    """A KPI definition plus how its values are rounded (``scale``) in the generator."""

    key: str
    name: str
    kind: Kind
    unit: str
    direction: Direction
    purpose: str
    objective_key: str
    owner_key: str | None
    scale: str  # "vnd" | "count" | "percent" | "minutes" | "ratio" | "rating"
    rubric: tuple[str, str, str, str, str] | None = None


KPI_SPECS: Final = (
    KpiSpec(
        key="K-SALES",
        name="Personal sales revenue",
        kind="quantitative",
        unit="VND",
        direction="higher",
        purpose="Shows whether customers find what they need with us; used to plan stock and staffing, "
        "never to rank people.",
        objective_key="OBJ-RETAIL",
        owner_key="E005",
        scale="vnd",
    ),
    KpiSpec(
        key="K-BASKET",
        name="Items per transaction",
        kind="quantitative",
        unit="items",
        direction="higher",
        purpose="A customer who leaves with the bracket and the cable they need does not come back angry.",
        objective_key="OBJ-STORE-D1",
        owner_key="E007",
        scale="ratio",
    ),
    KpiSpec(
        key="K-CONV",
        name="Store conversion rate",
        kind="quantitative",
        unit="%",
        direction="higher",
        purpose="Tells us whether visitors get the advice they came for.",
        objective_key="OBJ-STORE-TD",
        owner_key="E019",
        scale="percent",
    ),
    KpiSpec(
        key="K-SERVICE",
        name="Customer advice quality",
        kind="qualitative",
        unit=RATING_UNIT,
        direction="higher",
        purpose="Honest advice is why customers choose a store over a marketplace.",
        objective_key="OBJ-RETAIL",
        owner_key="E005",
        scale="rating",
        rubric=(
            "Pushes products without asking what the customer needs.",
            "Answers questions but rarely checks what fits the customer's home or budget.",
            "Asks about needs and explains the main options clearly.",
            "Finds the right product for the customer's situation, including what they should not buy.",
            "Customers come back asking for this person; coaches colleagues on advising well.",
        ),
    ),
    KpiSpec(
        key="K-ORDERS",
        name="Online orders fulfilled",
        kind="quantitative",
        unit="orders",
        direction="higher",
        purpose="Orders packed correctly and shipped on time are the online promise we keep.",
        objective_key="OBJ-ONLINE",
        owner_key="E029",
        scale="count",
    ),
    KpiSpec(
        key="K-LIVE",
        name="Live-stream sales",
        kind="quantitative",
        unit="VND",
        direction="higher",
        purpose="Live streams let customers see a product working before they buy it online.",
        objective_key="OBJ-ONLINE",
        owner_key="E029",
        scale="vnd",
    ),
    KpiSpec(
        key="K-CHAT",
        name="Chat first-response time",
        kind="quantitative",
        unit="min",
        direction="lower",
        purpose="A quick first answer stops an online customer from abandoning the cart.",
        objective_key="OBJ-ONLINE",
        owner_key="E029",
        scale="minutes",
    ),
    KpiSpec(
        key="K-CASES",
        name="Customer cases resolved",
        kind="quantitative",
        unit="cases",
        direction="higher",
        purpose="Shows how much help we give each week, so we can staff the hotline for peaks.",
        objective_key="OBJ-CARE",
        owner_key="E038",
        scale="count",
    ),
    KpiSpec(
        key="K-FCR",
        name="First-contact resolution",
        kind="quantitative",
        unit="%",
        direction="higher",
        purpose="Solving it on the first call respects the customer's time.",
        objective_key="OBJ-CARE",
        owner_key="E038",
        scale="percent",
    ),
    KpiSpec(
        key="K-AHT",
        name="Average handling time",
        kind="quantitative",
        unit="min",
        direction="lower",
        purpose="Watched only next to first-contact resolution: fast is good when the problem is solved.",
        objective_key="OBJ-CARE",
        owner_key="E038",
        scale="minutes",
    ),
    KpiSpec(
        key="K-KNOW",
        name="Knowledge sharing & teamwork",
        kind="qualitative",
        unit=RATING_UNIT,
        direction="higher",
        purpose="Every answer written down once saves the whole team a hundred calls.",
        objective_key="OBJ-CARE",
        owner_key="E038",
        scale="rating",
        rubric=(
            "Keeps solutions to themselves; colleagues have to ask twice.",
            "Shares when asked.",
            "Adds solved cases to the knowledge base and helps colleagues on request.",
            "Writes clear articles, offers help before being asked, covers for colleagues.",
            "Improves how the team works: runs short trainings, mentors newcomers.",
        ),
    ),
    KpiSpec(
        key="K-DELIV",
        name="Deliveries completed",
        kind="quantitative",
        unit="deliveries",
        direction="higher",
        purpose="Tells dispatch how many routes we can promise customers each week.",
        objective_key="OBJ-DELIVERY",
        owner_key="E048",
        scale="count",
    ),
    KpiSpec(
        key="K-ONTIME",
        name="On-time delivery rate",
        kind="quantitative",
        unit="%",
        direction="higher",
        purpose="Customers take time off work to wait for us; arriving in the promised slot respects that.",
        objective_key="OBJ-DELIVERY",
        owner_key="E048",
        scale="percent",
    ),
    KpiSpec(
        key="K-INSTALL",
        name="Installation quality",
        kind="qualitative",
        unit=RATING_UNIT,
        direction="higher",
        purpose="A safe, tidy installation is what the customer remembers about us.",
        objective_key="OBJ-DELIVERY",
        owner_key="E048",
        scale="rating",
        rubric=(
            "Installation unsafe or left unfinished.",
            "Works, but the customer had to call back for something we should have done.",
            "Installed to the manufacturer's guide; site left clean.",
            "Installed safely, explained to the customer how to use and care for it.",
            "Spots and solves problems beyond the job (wiring, drainage) and teaches colleagues.",
        ),
    ),
    KpiSpec(
        key="K-ADDON",
        name="Add-on services sold",
        kind="quantitative",
        unit="services",
        direction="higher",
        purpose="",  # planted: nobody ever wrote down why this KPI exists
        objective_key="OBJ-SERVICES",
        owner_key="E006",
        scale="count",
    ),
    KpiSpec(
        key="K-JOBS",
        name="Repair jobs completed",
        kind="quantitative",
        unit="jobs",
        direction="higher",
        purpose="Tells us how long customers wait for a technician, so we can plan capacity.",
        objective_key="OBJ-REPAIR",
        owner_key="E057",
        scale="count",
    ),
    KpiSpec(
        key="K-FTF",
        name="First-time fix rate",
        kind="quantitative",
        unit="%",
        direction="higher",
        purpose="A repair that holds saves the customer a second wait and a second day off.",
        objective_key="OBJ-REPAIR",
        owner_key="E057",
        scale="percent",
    ),
    KpiSpec(
        key="K-WORK",
        name="Workmanship & customer care",
        kind="qualitative",
        unit=RATING_UNIT,
        direction="higher",
        purpose="How we repair and how we talk to the customer matter as much as how many jobs we close.",
        objective_key="OBJ-REPAIR",
        owner_key="E057",
        scale="rating",
        rubric=(
            "Repairs are rushed; customers are left without an explanation.",
            "Repairs hold, but the customer does not know what was done or why.",
            "Diagnoses carefully, explains the repair and the cost before starting.",
            "Careful work, clear explanations, follows up when a part has to be ordered.",
            "Trusted with the hardest repairs; teaches colleagues diagnostic skills.",
        ),
    ),
    KpiSpec(
        key="K-COACH",
        name="Coaching & team development",
        kind="qualitative",
        unit=RATING_UNIT,
        direction="higher",
        purpose="Managers are measured on how their people grow, not only on what the team sells.",
        objective_key="OBJ-COACHING",
        owner_key="E002",
        scale="rating",
        rubric=(
            "No regular 1:1s; feedback only when something goes wrong.",
            "Irregular 1:1s, mostly about numbers.",
            "Regular 1:1s that cover workload and wellbeing as well as results.",
            "Co-creates goals, gives timely recognition, adjusts targets when conditions change.",
            "Team members grow into new roles; others ask this manager for advice.",
        ),
    ),
)

KPI_BY_KEY: Final = {spec.key: spec for spec in KPI_SPECS}


def build_kpis() -> tuple[DemoKpi, ...]:
    return tuple(
        DemoKpi(
            key=spec.key,
            name=spec.name,
            kind=spec.kind,
            unit=spec.unit,
            direction=spec.direction,
            period="week",
            purpose=spec.purpose,
            objective_key=spec.objective_key,
            owner_key=spec.owner_key,
            rubric={level: text for level, text in enumerate(spec.rubric, start=1)} if spec.rubric else {},
        )
        for spec in KPI_SPECS
    )
