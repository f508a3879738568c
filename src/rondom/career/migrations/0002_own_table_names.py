from django.db import migrations

MOVED = ("schoolperiod", "groupyear")


def content_types_follow(apps, schema_editor) -> None:
    """Permissions and admin history point at content types: move those, not make new ones."""
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_type.objects.filter(app_label="career", model=model).exists():
            content_type.objects.filter(app_label="cases", model=model).update(app_label="career")


def content_types_back(apps, schema_editor) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="career", model__in=MOVED).update(app_label="cases")


class Migration(migrations.Migration):
    dependencies = [
        ("career", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="schoolperiod", table=None),
        migrations.AlterModelTable(name="groupyear", table=None),
        migrations.RunPython(content_types_follow, content_types_back),
    ]
