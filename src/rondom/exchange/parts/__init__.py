"""The parts of a case file, each in a module that writes it and reads it back."""
