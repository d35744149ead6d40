#!/bin/bash
# The seed's bootstrap: install the requirements (an empty file: nothing to fetch), then run the program.
set -e
pip install -r requirements.txt > /dev/null
cd process
bash metrics.sh
