"""The importer's accuracy on the development and held-out sets, in every format (tests/accuracy.py measures;
these tests hold its targets and floors). OCR: next after test_accuracy.py, on the other worker."""

import pytest

from accuracy import ROWS, SETS, evaluate, together
from imported_files import FORMATS


@pytest.fixture(scope="module")
def evaluation(browser, tmp_path_factory):
    """Both evaluation sets read in every format, every format added up."""
    return {name: together(found) for name, found in
            evaluate(SETS, FORMATS, browser, tmp_path_factory.mktemp("eval")).items()}


# Every target is met on both sets (CONTRIBUTING); the development scans, rules written on them, keep a floor above it.
SCAN_FLOORS = {"dev": 0.95}


@pytest.mark.slow
@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("label, key, measure, target", [
    pytest.param(*row, id=row[1] + "-" + row[2]) for row in ROWS])
def test_accuracy_targets_on_the_evaluation_sets(evaluation, name, label, key, measure, target):
    score = evaluation[name][key]
    assert getattr(score, measure) >= target, f"{name} {label}: {getattr(score, measure):.0%}; {score.misses[:5]}"


@pytest.mark.slow
@pytest.mark.parametrize("name", SCAN_FLOORS)
def test_scans_keep_their_floor(evaluation, name):
    assert evaluation[name]["scan"].recall >= SCAN_FLOORS[name]
