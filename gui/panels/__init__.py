"""The control panels, the console and the small labels around them."""
