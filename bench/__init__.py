"""The load benchmark (`make bench`): see run.py and the README's "Benchmark" section."""
