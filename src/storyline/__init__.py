"""storyline"""
