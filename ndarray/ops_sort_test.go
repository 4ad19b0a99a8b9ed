package ndarray

// Handlers of the corpus's sorting and set operations.

func init() {
	notYet("argsort", "searchsorted", "sort", "unique", "unique_counts")
}
