#!/bin/bash
cd process
python3 rules.py
