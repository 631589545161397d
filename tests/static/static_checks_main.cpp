// The static_assert checks passed when this executable linked; running it only makes them visible in CTest.
int main() { return 0; }
