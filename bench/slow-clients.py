#!/usr/bin/env python3
"""Keeps N slow connections open to a service until it is stopped (SIGTERM/SIGINT), standard library only.

usage: slow-clients.py <count> <host> <port> <path>

Half of them declare Content-Length: 5000 and send the first bytes of a JSON body, then nothing; the other half send
a chunked body one byte every 2 s. A connection the service closes (408 at its body deadline, or an error) is opened
again at once, so <count> stay open for the whole run. On exit it prints one line:
SLOW open=<count> reopened=<n> status=<status:count,...>
"""
import selectors
import signal
import socket
import sys
import time

TRICKLE_EVERY = 2.0


def open_connection(host, port, path, chunked):
    s = socket.create_connection((host, port))
    head = "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n" % (path, host)
    if chunked:
        s.sendall((head + "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n").encode())
    else:
        s.sendall((head + "Content-Length: 5000\r\n\r\n{\"pixels\":[").encode())
    s.setblocking(False)
    return s


def main():
    count, host, port, path = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    selector = selectors.DefaultSelector()
    statuses = {}
    reopened = 0

    def add(chunked):
        selector.register(open_connection(host, port, path, chunked), selectors.EVENT_READ, [chunked, b""])

    for i in range(count):
        add(i % 2 == 1)
    print("SLOW started %d connections" % count, flush=True)
    next_trickle = time.monotonic() + TRICKLE_EVERY
    while not stop:
        for key, _ in selector.select(timeout=0.2):
            s, state = key.fileobj, key.data
            try:
                data = s.recv(65536)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            if data:
                state[1] += data
                continue
            status = state[1][9:12].decode(errors="replace") if state[1].startswith(b"HTTP/") else "closed"
            statuses[status] = statuses.get(status, 0) + 1
            selector.unregister(s)
            s.close()
            if not stop:
                add(state[0])
                reopened += 1
        if time.monotonic() >= next_trickle:
            next_trickle += TRICKLE_EVERY
            for key in list(selector.get_map().values()):
                if key.data[0]:
                    try:
                        key.fileobj.send(b"1\r\n \r\n")
                    except OSError:
                        pass  # the read side notices the close
    print("SLOW open=%d reopened=%d status=%s" % (count, reopened, ",".join(
        "%s:%d" % kv for kv in sorted(statuses.items())) or "-"), flush=True)


if __name__ == "__main__":
    main()
