"""The children of a case and their school careers."""

from rondom.career.models import GroupYear, SchoolPeriod
from rondom.cases.access import CaseAccess, shows_date_of_birth
from rondom.cases.models import Case, Child

from ..values import iso, read_date


def _child(child: Child, access: CaseAccess | None) -> dict:
    data = {"id": child.pk, "name": child.name, "date_of_birth": iso(child.date_of_birth)}
    if not shows_date_of_birth(access, child):
        data.update(date_of_birth=None, age=child.age)
    return data | {"version": child.version}


def export_children(case: Case, access: CaseAccess | None) -> list[dict]:
    return [_child(child, access) for child in case.children.select_related("case").order_by("pk")]


def export_school_periods(case: Case) -> list[dict]:
    periods = SchoolPeriod.objects.filter(child__case=case).prefetch_related("group_years")
    return [
        {
            "id": period.pk,
            "child": period.child_id,
            "kind": period.kind,
            "name": period.name,
            "start_text": period.start_text,
            "end_text": period.end_text,
            "starts_on": iso(period.starts_on),
            "ends_on": iso(period.ends_on),
            "note": period.note,
            "version": period.version,
            "group_years": [
                {"school_year": gy.school_year, "group": gy.group}
                for gy in period.group_years.all()
            ],
        }
        for period in periods.order_by("pk")
    ]


def import_children(items: list[dict], case: Case) -> dict[int, int]:
    """The children as new rows; returns the new id for each id in the file."""
    ids = {}
    for item in items:
        child = Child.objects.create(
            case=case,
            name=item["name"],
            date_of_birth=read_date(item["date_of_birth"]),
            version=item["version"],
        )
        ids[item["id"]] = child.pk
    return ids


def import_school_periods(items: list[dict], child_ids: dict[int, int]) -> None:
    for item in items:
        period = SchoolPeriod.objects.create(
            child_id=child_ids[item["child"]],
            starts_on=read_date(item["starts_on"]),
            ends_on=read_date(item["ends_on"]),
            **{k: item[k] for k in ("kind", "name", "start_text", "end_text", "note",
                                     "version")},
        )  # fmt: skip
        GroupYear.objects.bulk_create(
            GroupYear(period=period, school_year=gy["school_year"], group=gy["group"])
            for gy in item["group_years"]
        )
