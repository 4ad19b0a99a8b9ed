//go:build mpich

package mpitest

const buildTags = "mpich"
