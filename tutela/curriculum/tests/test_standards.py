import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tutela.audit.models import Event
from tutela.curriculum.actions import (
    add_module,
    create_course,
    create_version,
    link_provision,
    load_standards,
    submit_version,
)
from tutela.curriculum.catalogue import DATA_DIR, CatalogueRejected
from tutela.curriculum.models import (
    ModuleProvisionLink,
    Provision,
    Standard,
    Topic,
    TopicRule,
    VersionStatus,
)
from tutela.curriculum.rules import check_version
from tutela.lib.errors import ActionError, GateClosed, NotAllowed

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_command_loads_the_catalogue_and_loading_again_changes_nothing():
    out = StringIO()
    call_command("load_standards", stdout=out)
    assert "Loaded 20 standards, 163 provisions and 13 topic rules" in out.getvalue()
    bpuff = Provision.objects.get(code="UN-BPUFF-1990:P13")
    assert bpuff.standard.title.startswith("Basic Principles on the Use of Force")
    assert bpuff.url.startswith("https://www.ohchr.org/")
    assert bpuff.lineage == "UN-BPUFF:P13"
    assert Standard.objects.get(code="UN-IP-2004").superseded_by.code == "UN-IP-2022"
    call_command("load_standards", stdout=StringIO())
    assert Provision.objects.count() == 163 and TopicRule.objects.count() == 13
    assert Event.objects.filter(verb="standards.loaded").count() == 2


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "provisions.csv",
            "UN-BPUFF-1990:P13,",
            "UN-BPUF-1990:P13,",
            "provisions.csv, line 22: unknown standard 'UN-BPUF-1990'",
        ),
        (
            "provisions.csv",
            "UN-CCLEO-1979:A02,,Respect and protect human dignity and uphold the human rights "
            "of all persons.",
            "UN-CCLEO-1979:A02,,",
            "provisions.csv, line 3: the summary is empty",
        ),
        (
            "standards.csv",
            "1990-09-07,soft-law-UN",
            "7 Sept 1990,soft-law-UN",
            "standards.csv, line 3: adopted '7 Sept 1990' is not a date",
        ),
        (
            "standards.csv",
            ",2020-01-01,guidance,",
            ",2020-01-01,rumour,",
            "standards.csv, line 4: legal_nature 'rumour' is not one of",
        ),
        (
            "topic_rules.csv",
            "crowd-management,Right of peaceful assembly,ICCPR-1966:A21",
            "crowd-management,Right of peaceful assembly,ICCPR-1966:A99",
            "topic_rules.csv, line 6: unknown provision 'ICCPR-1966:A99'",
        ),
        (
            "topic_rules.csv",
            "detention,No arbitrary",
            "prisons,No arbitrary",
            "topic_rules.csv, line 9: unknown topic 'prisons'",
        ),
        (
            "provisions.csv",
            "UN-CCLEO-1979:A04,",
            "UN-CCLEO-1979:A04,,x,extra,",
            "provisions.csv, line 5: 6 columns where 3 are expected",
        ),
    ],
)
def test_a_malformed_file_is_rejected_with_line_and_reason_and_nothing_is_loaded(
    data, file, old, new, expected
):
    _replace(data / file, old, new)
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_standards", "--dir", str(data), stdout=StringIO(), stderr=err)
    assert expected in err.getvalue()
    assert not Standard.objects.exists() and not Provision.objects.exists()
    assert not TopicRule.objects.exists()


def test_a_bad_reload_leaves_the_loaded_catalogue_as_it_was(data, catalogue):
    _replace(data / "provisions.csv", "Respect and protect human dignity", "Changed")
    _replace(data / "provisions.csv", "UN-CCLEO-1979:A04,", "UN-CCLEO-1979:A4 4,")
    with pytest.raises(CatalogueRejected):
        load_standards(directory=data)
    assert Provision.objects.get(code="UN-CCLEO-1979:A02").summary.startswith("Respect and")


def test_a_missing_file_is_named(data):
    (data / "topic_rules.csv").unlink()
    with pytest.raises(CatalogueRejected) as rejected:
        load_standards(directory=data)
    assert str(rejected.value.problems[0]) == "topic_rules.csv, line 0: the file is missing"


def test_only_the_secretariat_loads_the_catalogue(reviewer):
    with pytest.raises(NotAllowed):
        load_standards(by=reviewer)


def _crowd_module(secretariat):
    course = create_course(code="PO-1", title="Public order", by=secretariat)
    version = create_version(course, by=secretariat, learning_outcomes="Police assemblies.")
    module = add_module(
        version,
        by=secretariat,
        title="Facilitating assemblies",
        hours=Decimal(6),
        learning_outcomes="Negotiate with organisers; disperse with the minimum force.",
        topics=list(Topic.objects.filter(code="crowd-management")),
    )
    return version, module


def _link(module, code, by):
    return link_provision(
        module, provision=Provision.objects.get(code=code), how="Taught in an exercise.", by=by
    )


def test_unmet_topic_rules_block_submission_and_name_what_is_missing(catalogue, secretariat):
    version, module = _crowd_module(secretariat)
    with pytest.raises(GateClosed) as refused:
        submit_version(version, by=secretariat)
    message = refused.value.message
    assert "Use of force at assemblies" in message
    assert "Less-lethal weapons at assemblies" in message
    assert "Right of peaceful assembly" in message
    _link(module, "UN-BPUFF-1990:P13", secretariat)
    _link(module, "UN-LLW-2020:S6.3", secretariat)
    with pytest.raises(GateClosed, match="Right of peaceful assembly") as refused:
        submit_version(version, by=secretariat)
    assert "Use of force at assemblies" not in refused.value.message
    _link(module, "ICCPR-1966:A21", secretariat)
    submit_version(version, by=secretariat)
    assert version.status == VersionStatus.IN_REVIEW


def test_a_module_without_a_high_risk_topic_has_no_rules(catalogue, secretariat):
    version, module = _crowd_module(secretariat)
    module.topics.set(Topic.objects.filter(code="community-policing"))
    assert check_version(version)[0][1] == []
    submit_version(version, by=secretariat)


def test_a_new_version_of_an_instrument_supersedes_the_old_and_links_stay(
    catalogue, secretariat, data
):
    version, module = _crowd_module(secretariat)
    old_link = _link(module, "UN-LLW-2020:S6.3", secretariat)
    with open(data / "standards.csv", "a", encoding="utf-8") as f:
        f.write(
            "UN-LLW-2026,UN-LLW,2026,Less-Lethal Weapons Guidance (revised),OHCHR,2026-01-01,"
            "guidance,https://www.ohchr.org/en/llw-2026,UN-LLW-2020\n"
        )
    with open(data / "provisions.csv", "a", encoding="utf-8") as f:
        f.write(
            'UN-LLW-2026:S6.3,Assemblies,"Facilitate assemblies; de-escalate; '
            'never fire into a crowd."\n'
        )
    _replace(data / "topic_rules.csv", "UN-LLW-2020:S6.3 ", "UN-LLW-2026:S6.3 ")

    counts = load_standards(directory=data, by=secretariat)

    assert counts["superseded"] == 1
    old = Standard.objects.get(code="UN-LLW-2020")
    assert old.superseded_by.code == "UN-LLW-2026" and not old.is_current
    assert ModuleProvisionLink.objects.filter(pk=old_link.pk).exists()
    assert not Provision.objects.current().filter(code="UN-LLW-2020:S6.3").exists()
    # The old link still meets the rule now written against the new version.
    checks = {c.rule.requirement: c.met for c in check_version(version)[0][1]}
    assert checks["Less-lethal weapons at assemblies"] is True
    # New links go to the current version.
    with pytest.raises(ActionError, match="superseded"):
        _link(module, "UN-LLW-2020:S7.3", secretariat)
