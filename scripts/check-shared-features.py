#!/usr/bin/env python3
"""Lists the crates that the Python bindings' build (maturin, in bindings/python) would compile
again after `cargo test`: those built with other features or profile settings than the
workspace's tests built them with. Prints nothing and exits 0 when there are none; else add
the features to crates/shared-features/Cargo.toml. Reads cargo's
unit graph (an unstable output, hence RUSTC_BOOTSTRAP): a maintenance check after
dependency updates, not a test."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, RUSTC_BOOTSTRAP="1")


def units(args, cwd):
    out = subprocess.run(["cargo", *args, "--unit-graph", "-Z", "unstable-options"],
                         cwd=cwd, env=ENV, check=True, capture_output=True, text=True).stdout
    found = {}
    for u in json.loads(out)["units"]:
        if u["mode"] != "build":
            continue
        key = (u["pkg_id"].rsplit("#", 1)[-1], u["target"]["name"])
        profile = u["profile"]
        found.setdefault(key, set()).add(
            (tuple(u["features"]), profile["opt_level"], str(profile.get("debuginfo"))))
    return found


workspace = units(["test", "--no-run"], ROOT)
bindings = units(["build", "--lib"], ROOT / "bindings" / "python")
missing = 0
for key, features in sorted(bindings.items()):
    if key in workspace and not features & workspace[key]:
        missing += 1
        print(f"{key[0]} ({key[1]}): bindings {sorted(features)}, "
              f"workspace {sorted(workspace[key])} (features, opt-level, debug info)")
sys.exit(1 if missing else 0)
