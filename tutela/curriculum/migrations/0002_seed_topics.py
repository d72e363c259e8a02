from django.db import migrations


def seed(apps, schema_editor):
    from tutela.curriculum.models import TOPICS

    Topic = apps.get_model("curriculum", "Topic")
    for code, name in TOPICS:
        Topic.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("curriculum", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
