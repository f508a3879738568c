# The school career's tables were made by the cases app; this takes them over as they are
# (see cases.0009), and 0002 gives them this app's names.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cases', '0009_school_career_moves_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SchoolPeriod',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('kind', models.CharField(choices=[('childcare', 'childcare'), ('playgroup', 'playgroup / pre-school'), ('school', 'primary school'), ('special', 'special education'), ('secondary', 'secondary school'), ('out_of_school', 'out of school'), ('other', 'other')], max_length=20, verbose_name='kind')),
                        ('name', models.CharField(blank=True, help_text='For example the name of the school.', max_length=120, verbose_name='name')),
                        ('start_text', models.CharField(max_length=60, verbose_name='from')),
                        ('end_text', models.CharField(blank=True, max_length=60, verbose_name='until')),
                        ('starts_on', models.DateField()),
                        ('ends_on', models.DateField(blank=True, null=True)),
                        ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                        ('child', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='school_periods', to='cases.child')),
                    ],
                    options={
                        'verbose_name': 'school period',
                        'verbose_name_plural': 'school periods',
                        'ordering': ['starts_on', 'pk'],
                        'db_table': 'cases_schoolperiod',
                    },
                ),
                migrations.CreateModel(
                    name='GroupYear',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('school_year', models.PositiveSmallIntegerField(help_text='The calendar year in which the school year starts.', verbose_name='school year')),
                        ('group', models.CharField(choices=[('peuter', 'pre-school group'), ('1', '1'), ('2', '2'), ('3', '3'), ('4', '4'), ('5', '5'), ('6', '6'), ('7', '7'), ('8', '8')], max_length=6, verbose_name='group')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='group_years', to='career.schoolperiod')),
                    ],
                    options={
                        'ordering': ['school_year', 'pk'],
                        'db_table': 'cases_groupyear',
                        'constraints': [models.UniqueConstraint(fields=('period', 'school_year'), name='one_group_per_year')],
                    },
                ),
            ],
        ),
    ]
