"""Declarations of performance targets (绩效目标申报), their review comments and history."""
