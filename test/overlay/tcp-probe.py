"""One TCP exchange for the overlay harness, so it needs nothing but python3.

  tcp-probe.py serve <address> <port> <reply>   accept one connection, send <reply> and the peer's address, exit
  tcp-probe.py ask <address> <port>             connect, print what the server sent, exit 0 (1 on failure)
"""
import socket
import sys


def serve(address, port, reply):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((address, int(port)))
    server.listen(1)
    server.settimeout(20)
    print("listening", flush=True)
    connection, peer = server.accept()
    connection.sendall(f"{reply} from {address}, peer {peer[0]}\n".encode())
    connection.close()
    server.close()


def ask(address, port):
    try:
        with socket.create_connection((address, int(port)), timeout=5) as connection:
            connection.settimeout(5)
            print(connection.recv(4096).decode().strip())
    except OSError as error:
        print(f"no answer from {address}:{port}: {error}")
        sys.exit(1)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(*sys.argv[2:5])
    else:
        ask(*sys.argv[2:4])
