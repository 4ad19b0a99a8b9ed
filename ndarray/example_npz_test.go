package ndarray_test

// .npz archives: arrays of different dtypes saved under names and read
// back, as numpy.savez and numpy.load.

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/ndmpi/ndmpi/ndarray"
)

// SaveNPZ writes named arrays of any dtypes; LoadNPZ reads them all back
// and FromNPZ gives one back typed: numpy.savez(path, x=x, labels=labels)
// and numpy.load(path)["x"].
func ExampleSaveNPZ() {
	dir, err := os.MkdirTemp("", "npz-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "data.npz")

	x := ndarray.Iota[float64](2, 3)
	labels := ndarray.Must(ndarray.FromSlice([]int8{1, -1}))
	z := ndarray.NPZ{{Name: "x", Array: x}, {Name: "labels", Array: labels}}
	if err := ndarray.SaveNPZ(path, z, true); err != nil { // numpy.savez_compressed
		panic(err)
	}

	back, err := ndarray.LoadNPZ(path)
	if err != nil {
		panic(err)
	}
	fmt.Println(back.Names())
	for _, e := range back {
		fmt.Println(e.Name, e.Array.DType(), e.Array.Shape())
	}
	y, err := ndarray.FromNPZ[float64](back, "x")
	if err != nil {
		panic(err)
	}
	fmt.Println(y)
	_, err = ndarray.FromNPZ[float64](back, "labels")
	fmt.Println(err)
	// Output:
	// [x labels]
	// x float64 [2 3]
	// labels int8 [2]
	// [[0. 1. 2.]
	//  [3. 4. 5.]]
	// ndarray: FromNPZ: dtype error: entry "labels" holds int8, asked for float64: call FromNPZ[int8], then AsType to convert
}
