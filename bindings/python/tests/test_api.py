"""The package surface: exports, docstrings, and type stubs that match the native module."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import chorus
import chorus._chorus as native

NONE_GIVEN = object()
STUB = Path(chorus.__file__).with_name("_chorus.pyi")


def stub_functions():
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_package_exports_the_native_api():
    for name in chorus.__all__:
        assert hasattr(chorus, name), name
    assert set(stub_functions()) <= set(dir(native))
    assert chorus.METHODS[0] == "lead" and "lexrank" in chorus.METHODS
    assert chorus.DEFAULT_METHOD in chorus.METHODS
    assert chorus.DEFAULT_WORDS == 100
    assert chorus.__version__.count(".") == 2
    assert (Path(chorus.__file__).parent / "py.typed").is_file()


def test_every_function_has_a_docstring():
    for name in ("summarize", "summarize_batch", "summarize_jsonl", "render", "rouge", "rouge_batch"):
        doc = getattr(chorus, name).__doc__
        assert doc and len(doc) > 80, name


def test_stub_signatures_match_the_native_functions():
    stubs = stub_functions()
    assert {"summarize", "summarize_batch", "summarize_jsonl", "render", "rouge", "rouge_batch"} <= set(stubs)
    for name, node in stubs.items():
        sig = inspect.signature(getattr(native, name))
        a = node.args
        positional = a.posonlyargs + a.args
        pos_defaults = [NONE_GIVEN] * (len(positional) - len(a.defaults)) + list(a.defaults)
        stub_params = [(p.arg, "POSITIONAL_OR_KEYWORD", d) for p, d in zip(positional, pos_defaults)]
        stub_params += [(p.arg, "KEYWORD_ONLY", NONE_GIVEN if d is None else d)
                        for p, d in zip(a.kwonlyargs, a.kw_defaults)]
        native_params = list(sig.parameters.values())
        assert [p[0] for p in stub_params] == [p.name for p in native_params], name
        for (pname, kind, default), param in zip(stub_params, native_params):
            assert param.kind.name == kind, (name, pname)
            if default is NONE_GIVEN:
                assert param.default is inspect.Parameter.empty, (name, pname)
            else:
                assert ast.literal_eval(default) == param.default, (name, pname)
