package ndarray

// Handlers of the corpus's joins, splits and rearrangements, and of its
// indexing beyond views (masks, take, fancy indexing, nonzero).

func init() {
	notYet("array_split", "concatenate", "diagonal", "diff", "flip", "hstack", "pad", "repeat", "roll",
		"split", "stack", "tile", "trace", "tril", "triu", "vstack",
		"argwhere", "fancy", "mask", "mask_assign", "nonzero", "take")
}
