#!/usr/bin/env python3
"""One ICMP echo request, for machines without the iputils ping (the overlay harness runs it inside a
network namespace, as root). Usage: icmp-echo.py TARGET PAYLOAD_BYTES DONT_FRAGMENT(0|1) TIMEOUT_SECONDS
Exit 0 when the matching echo reply arrives, 1 otherwise (timeout, or the packet cannot be sent, e.g. it is larger
than the MTU with DF set: "message too long"), like `ping -c 1`."""
import os
import select
import socket
import struct
import sys
import time

IP_MTU_DISCOVER = 10
IP_PMTUDISC_DO = 2
IP_PMTUDISC_DONT = 0


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def main() -> int:
    target, size, dont_fragment, timeout = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", float(sys.argv[4])
    ident = os.getpid() & 0xFFFF
    payload = bytes(i & 0xFF for i in range(size))
    header = struct.pack("!BBHHH", 8, 0, 0, ident, 1)
    packet = struct.pack("!BBHHH", 8, 0, checksum(header + payload), ident, 1) + payload
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    sock.setsockopt(socket.IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO if dont_fragment else IP_PMTUDISC_DONT)
    try:
        sock.sendto(packet, (target, 0))
    except OSError as error:
        print(f"icmp-echo: {target}: {error.strerror}")
        return 1
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([sock], [], [], left)
        if not ready:
            break
        data, (source, _) = sock.recvfrom(65535)
        header_length = (data[0] & 0x0F) * 4
        kind, _, _, reply_id, _ = struct.unpack("!BBHHH", data[header_length:header_length + 8])
        if kind == 0 and reply_id == ident and source == target:
            print(f"{len(data) - header_length} bytes from {source}")
            return 0
    print(f"icmp-echo: no reply from {target}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
