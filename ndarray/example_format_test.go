package ndarray_test

// Printing arrays through fmt's verbs: precision, sign and width map to
// NumPy's print options.

import (
	"fmt"
	"math"

	"github.com/ndmpi/ndmpi/ndarray"
)

func ExampleArray_Format() {
	a := ndarray.Must(ndarray.FromSlice([]float64{math.Pi, -math.E, 0.5}))
	fmt.Printf("%v\n", a)    // str(a)
	fmt.Printf("%.3v\n", a)  // np.array2string(a, precision=3)
	fmt.Printf("%+.2v\n", a) // np.array2string(a, precision=2, sign='+')
	fmt.Printf("%.2f\n", a)  // np.array2string(a, precision=2, floatmode='fixed')
	fmt.Printf("%#.3v\n", a) // repr(a) under np.printoptions(precision=3)
	fmt.Printf("|%12v|\n", ndarray.Iota[int32](3))
	fmt.Printf("%d\n", a) // %d takes integer and bool arrays only
	// Output:
	// [ 3.14159265 -2.71828183  0.5       ]
	// [ 3.142 -2.718  0.5  ]
	// [+3.14 -2.72 +0.5 ]
	// [ 3.14 -2.72  0.50]
	// array([ 3.142, -2.718,  0.5  ])
	// |     [0 1 2]|
	// %!d(*ndarray.Array[float64]=[ 3.14159265 -2.71828183  0.5       ])
}
