# SPDX-License-Identifier: MIT-0
# The functions' code is in src/ (the CodeUri); the tests import it as the Lambda runtime does, from its root.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))
