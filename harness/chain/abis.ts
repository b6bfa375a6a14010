/** ABI fragments the harness calls; the full ABI is in artifacts/TestUSDC.json. */
import { parseAbi } from 'viem';

export const testUsdcAdminAbi = parseAbi([
  'constructor(string name_, string symbol_, string version_)',
  'function initialize(address minter_)',
  'function mint(address to, uint256 value)',
  'function minter() view returns (address)',
]);

/** Calls of Circle's FiatToken (real USDC) used to fund the agent on a fork; TestUSDC has them too. */
export const fiatTokenMinterAbi = parseAbi([
  'function masterMinter() view returns (address)',
  'function minterAllowance(address minter) view returns (uint256)',
  'function isMinter(address account) view returns (bool)',
  'function paused() view returns (bool)',
  'function configureMinter(address minter, uint256 minterAllowedAmount) returns (bool)',
  'function mint(address to, uint256 amount) returns (bool)',
  'function pause()',
  'function unpause()',
]);

export const transferEvent = parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 value)',
])[0];

/** EIP-3009 calls in the v,r,s form (present on TestUSDC and on Circle's FiatToken). */
export const eip3009Abi = parseAbi([
  'function transferWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s)',
  'function receiveWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s)',
  'function authorizationState(address authorizer, bytes32 nonce) view returns (bool)',
]);

/** The two reads that give a token's EIP-712 domain (name, version). */
export const tokenDomainAbi = parseAbi([
  'function name() view returns (string)',
  'function version() view returns (string)',
]);
