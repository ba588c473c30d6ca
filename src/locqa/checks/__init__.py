"""Checks: one small class per check, registered by its code."""
