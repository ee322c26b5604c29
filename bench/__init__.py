"""Benchmarks for Knee Coach's reminders: start-up, memory, planner ticks and dispatch.

`make bench` (or `python -m bench`) runs them and writes bench/RESULTS.md.
"""
