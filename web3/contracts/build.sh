#!/bin/sh
# Regenerates the committed ABI + bytecode of the test contracts (web3/src/main/resources/io/rwaprime/web3/contracts/,
# used by the tests and by the dev chain of `./rwa run`) with the
# npm solc (solc-js, WebAssembly; no compiler download at run time) and OpenZeppelin from npm:
#   cd web3/contracts && npm ci && sh build.sh
set -eu
cd "$(dirname "$0")"
out=../src/main/resources/io/rwaprime/web3/contracts
rm -rf build && mkdir -p build "$out"
for c in RwaTestToken TestPair; do
  npx --no-install solcjs --optimize --bin --abi --base-path . --include-path node_modules/ -o build "$c.sol"
  cp "build/${c}_sol_${c}.abi" "$out/$c.abi"
  cp "build/${c}_sol_${c}.bin" "$out/$c.bin"
done
rm -rf build
echo "wrote $(ls "$out")"
