// Must not compile: pip.connect uses the standard library through pip.detail.std but does not re-export it, so
// a program that includes no standard header has no std::vector.
import pip.connect;

std::vector<int> numbers;
