// This package is not implemented yet: see the project's open issues. It exports nothing
// so that nothing can pretend to work.
export {};
