from django.db import migrations


def load(apps, schema_editor):
    from tutela.lib.countries import all_countries

    Country = apps.get_model("partners", "Country")
    existing = {c.code: c for c in Country.objects.all()}
    for r in all_countries():
        fields = {
            "alpha3": r.alpha3, "m49": r.m49, "name": r.name, "region_code": r.region_code,
            "region": r.region, "sub_region_code": r.sub_region_code, "sub_region": r.sub_region,
            "intermediate_region": r.intermediate_region,
        }
        if r.code in existing:
            Country.objects.filter(code=r.code).update(**fields)
        else:
            Country.objects.create(code=r.code, **fields)


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
