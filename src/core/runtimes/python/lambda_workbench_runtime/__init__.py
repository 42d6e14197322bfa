# Lambda Workbench in-environment Python runtime (see ../bootstrap.py). Standard library only; Python 3.9-3.13.
