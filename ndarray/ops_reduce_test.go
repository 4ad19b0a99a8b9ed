package ndarray

// Handlers of the corpus's reductions.

func init() {
	notYet("sum", "prod", "min", "max", "mean", "all", "any", "argmax", "argmin", "count_nonzero", "cumprod",
		"cumsum", "median", "nanmax", "nanmean", "nanmin", "nansum", "ptp", "std", "var")
}
