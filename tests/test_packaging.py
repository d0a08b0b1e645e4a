"""The wheel must carry every subpackage, the knowledge files, the pipeline and the examples."""
import pytest

tomllib = pytest.importorskip("tomllib")
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(conf["packages"])
    found = {".".join(p.parent.relative_to(ROOT / "src").parts)
             for p in (ROOT / "src" / "dossier").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject packages: {sorted(found - listed)}"
    assert conf["package-dir"]["dossier.examples"] == "examples"


def test_examples_are_found():
    from dossier.examples_path import examples_dir
    d = examples_dir()
    assert any(d.glob("*.txt")) and any(d.glob("*.html"))
