"""The examples in the package's docstrings run and give what they say."""

import doctest

import pytest

import slacal
import slacal.spark


@pytest.mark.parametrize("module", [slacal, slacal.spark], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    failures, tried = doctest.testmod(module, raise_on_error=False, verbose=False)
    assert tried > 0
    assert failures == 0
