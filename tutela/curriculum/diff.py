"""What a version changes from the previous approved version of its course, module by module.

Modules are paired by the module each was copied from (`Module.derived_from`, set when a new
version copies the modules of an earlier one) and, failing that, by title.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.translation import gettext_lazy as _

from tutela.curriculum.models import CourseVersion, Module


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    # (kind, text) pieces of the new text against the old: kind is "same", "added" or "removed"
    pieces: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ModuleChange:
    kind: str  # "added", "removed", "changed", "unchanged"
    old: Module | None
    new: Module | None
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def title(self) -> str:
        module = self.new or self.old
        assert module is not None
        return module.title


def _pieces(old: str, new: str) -> list[tuple[str, str]]:
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("added", " ".join(b[j1:j2])))
    return out


def _describe(module: Module) -> dict[str, str]:
    return {
        str(_("Title")): module.title,
        str(_("Hours")): str(module.hours),
        str(_("Learning outcomes")): module.learning_outcomes,
        str(_("Methods")): module.methods,
        str(_("Topics")): ", ".join(sorted(t.name for t in module.topics.all())),
        str(_("Provisions")): ", ".join(sorted(link.provision.code for link in module.links.all())),
    }


def _modules(version: CourseVersion) -> list[Module]:
    return list(
        version.modules.prefetch_related("topics", "links__provision").order_by("order", "pk")
    )


def diff_versions(old: CourseVersion, new: CourseVersion) -> list[ModuleChange]:
    old_modules, new_modules = _modules(old), _modules(new)
    by_pk = {m.pk: m for m in old_modules}
    by_title = {m.title.casefold(): m for m in old_modules}
    paired: set[int] = set()
    changes: list[ModuleChange] = []
    for module in new_modules:
        before = by_pk.get(module.derived_from_id or -1)
        if before is None or before.pk in paired:
            before = by_title.get(module.title.casefold())
        if before is None or before.pk in paired:
            changes.append(ModuleChange("added", None, module))
            continue
        paired.add(before.pk)
        a, b = _describe(before), _describe(module)
        fields = [
            FieldChange(label, a[label], b[label], _pieces(a[label], b[label]))
            for label in b
            if a[label] != b[label]
        ]
        changes.append(ModuleChange("changed" if fields else "unchanged", before, module, fields))
    changes += [ModuleChange("removed", m, None) for m in old_modules if m.pk not in paired]
    return changes
