package ndarray

import "math"

// Flat stands for NumPy's axis=None in the functions that take one axis:
// the function works on the array flattened in C order, as NumPy's does.
// It lies far outside every valid axis, so it cannot be mistaken for one.
const Flat = math.MinInt // axis=None: the function works on the flattened array
