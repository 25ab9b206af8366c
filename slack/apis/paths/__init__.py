"""One API class per path, each with a method per HTTP verb."""
