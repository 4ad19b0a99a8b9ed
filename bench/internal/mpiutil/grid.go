package mpiutil

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseGrid parses a process grid written "PxQ..." with nd dimensions. A 0
// leaves that dimension to MPI_Dims_create, as Dist does.
func ParseGrid(s string, nd int) ([]int, error) {
	parts := strings.Split(s, "x")
	if len(parts) != nd {
		return nil, fmt.Errorf("grid %q: want %d dimensions", s, nd)
	}
	grid := make([]int, nd)
	for k, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return nil, fmt.Errorf("grid %q: bad number %q", s, p)
		}
		grid[k] = v
	}
	return grid, nil
}

// GridString writes a grid as ParseGrid reads it.
func GridString(g []int) string {
	parts := make([]string, len(g))
	for k, v := range g {
		parts[k] = strconv.Itoa(v)
	}
	return strings.Join(parts, "x")
}
