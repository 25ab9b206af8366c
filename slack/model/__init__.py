"""One module per model; import a model from its own module, as generated clients do."""
