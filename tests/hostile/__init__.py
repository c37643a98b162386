"""Hostile inputs, grouped by command: each gets one clear line and the documented exit code."""
