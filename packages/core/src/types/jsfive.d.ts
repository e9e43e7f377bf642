// jsfive ships no types; hdf5.ts declares the parts it uses.
declare module 'jsfive';
