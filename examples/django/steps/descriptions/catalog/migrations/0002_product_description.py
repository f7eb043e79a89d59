from django.db import migrations, models

DESCRIPTIONS = {
    "brass-hinge-set": "Two solid brass butt hinges with screws, for box lids and cabinet doors.",
    "oak-dowels": "Fluted 8 mm oak dowels for joints that stay put.",
    "wood-glue": "Water-resistant PVA glue; clamp for 30 minutes.",
}


def describe(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    for slug, text in DESCRIPTIONS.items():
        Product.objects.filter(slug=slug).update(description=text)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="product",
            name="description",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(describe, migrations.RunPython.noop),
    ]
