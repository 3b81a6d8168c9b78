"""The parts of the taxonomy benchmark, ``bench/taxonomies.py``: run that script, not these."""
