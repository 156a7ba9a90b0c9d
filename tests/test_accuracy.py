"""The importer's accuracy on the five sources, as text and printed then scanned (tests/accuracy.py measures;
the evaluation sets: test_accuracy_sets.py). With that file, the longest tests of the suite: OCR. Each file runs
on its own worker, first."""

import pytest

from accuracy import SCAN_FONTS, SCAN_TARGET, measure_originals, scans


def test_accuracy_on_the_five_sources():
    scores = measure_originals()
    assert scores["header"].recall >= 0.95, scores["header"].misses
    assert scores["relations"].agreement >= 0.90, scores["relations"].misses
    assert scores["tasks"].recall >= 0.80 and scores["tasks"].precision >= 0.90, scores["tasks"].misses
    assert scores["deadlines"].agreement >= 0.90, scores["deadlines"].misses


@pytest.mark.slow
def test_scans_of_the_five_sources_keep_their_sentences(browser, tmp_path):
    score = scans(browser, SCAN_FONTS[0], tmp_path)
    assert score.recall >= SCAN_TARGET, f"{score.recall:.1%}: {score.misses[:5]}"
