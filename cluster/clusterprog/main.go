// Command clusterprog holds the programs of the cluster tests
// (scripts/cluster/test.sh) that the mpiarr test binary does not have.
//
//	clusterprog allreduce-loop N   every rank prints "pid P host H", then the
//	                               ranks run N Allreduces of 8 MiB each (0:
//	                               until killed); rank 0 prints "iteration k"
//	                               after each
//	clusterprog check-checkpoint F prints the generation of the checkpoint F
//	                               that mpiarr's npy-checkpoint test program
//	                               writes, or fails if F is not one whole
//	                               generation (a mix, zeros, a torn file)
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: clusterprog allreduce-loop N | check-checkpoint FILE")
		os.Exit(2)
	}
	var code int
	switch os.Args[1] {
	case "allreduce-loop":
		n, err := strconv.Atoi(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, "clusterprog:", err)
			os.Exit(2)
		}
		code = allreduceLoop(n)
	case "check-checkpoint":
		code = checkCheckpoint(os.Args[2])
	default:
		fmt.Fprintln(os.Stderr, "clusterprog: unknown program", os.Args[1])
		code = 2
	}
	os.Exit(code)
}

// allreduceLoop keeps every rank inside collectives, so that a rank killed
// at any moment is killed in the middle of one.
func allreduceLoop(n int) int {
	c, err := mpiarr.Init()
	if err != nil {
		fmt.Println("Init:", err)
		return 1
	}
	defer mpiarr.Finalize()
	host, _ := os.Hostname()
	fmt.Println("pid", os.Getpid(), "host", host)
	send := ndarray.Full(float64(c.Rank()+1), 1<<20)
	recv := ndarray.Zeros[float64](1 << 20)
	want := float64(c.Size()*(c.Size()+1)) / 2
	for k := 1; n == 0 || k <= n; k++ {
		if err := c.Allreduce(send, recv, mpiarr.Sum); err != nil {
			fmt.Println("Allreduce:", err)
			return 1
		}
		if got := recv.At(0); got != want {
			fmt.Printf("Allreduce: got %v, want %v\n", got, want)
			return 1
		}
		if c.Rank() == 0 {
			fmt.Println("iteration", k)
		}
	}
	return 0
}

// checkpointShape is mpiarr's npy-checkpoint program's global shape
// (mpiarr/npyio_programs_test.go): generation g holds g*size + i at flat
// index i.
var checkpointShape = []int{2048, 1024}

func checkCheckpoint(path string) int {
	a, err := ndarray.Load[float64](path)
	if err != nil {
		fmt.Println("checkpoint:", err)
		return 1
	}
	shape := a.Shape()
	if len(shape) != 2 || shape[0] != checkpointShape[0] || shape[1] != checkpointShape[1] {
		fmt.Printf("checkpoint: shape %v, want %v\n", shape, checkpointShape)
		return 1
	}
	values := a.ToSlice()
	size := float64(len(values))
	g := values[0] / size
	if g < 1 || g != float64(int(g)) {
		fmt.Printf("checkpoint: element 0 is %v: no generation\n", values[0])
		return 1
	}
	for i, v := range values {
		if v != g*size+float64(i) {
			fmt.Printf("checkpoint: element %d is %v, generation %v would have %v: a mix or zeros\n", i, v, g, g*size+float64(i))
			return 1
		}
	}
	fmt.Println("generation", int(g))
	return 0
}
