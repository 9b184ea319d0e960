# Python's multiprocessing.Queue on the workload of IpcBenchMain: a child process puts N small
# messages ("m0", "m1", ...) and then "END"; the parent gets them. Prints
# "RESULT <messages> <seconds>", timed from the first message the parent got to the end marker.
# Arguments: CAPACITY (0: unbounded) N
import multiprocessing
import sys
import time


def writer(q, n):
    for i in range(n):
        q.put("m%d" % i)
    q.put("END")


def main():
    capacity, n = int(sys.argv[1]), int(sys.argv[2])
    q = multiprocessing.Queue(capacity) if capacity > 0 else multiprocessing.Queue()
    p = multiprocessing.Process(target=writer, args=(q, n))
    p.start()
    q.get()
    t0 = time.perf_counter()
    got = 1
    while q.get() != "END":
        got += 1
    seconds = time.perf_counter() - t0
    p.join()
    print("RESULT %d %.6f" % (got + 1, seconds), flush=True)


if __name__ == "__main__":
    main()
